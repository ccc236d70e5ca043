export interface DayValue {
  day: string;
  value: number;
}

export interface FunnelStep {
  step: string;
  sessions: number;
}

export interface CampaignRow {
  source: string;
  medium: string | null;
  campaign: string | null;
  users: number;
  events: number;
  conversions: number;
}

export interface ClassViews {
  classTitle: string;
  topicTitle: string;
  viewers: number;
  completions: number;
}

export interface DashboardFigures {
  generatedAt: string;
  dailyActiveUsers: DayValue[];
  enrolmentsPerWeek: DayValue[];
  loginFunnel: FunnelStep[];
  topCampaigns: CampaignRow[];
  mostViewedClasses: ClassViews[];
}

/** Where the dashboard's figures come from: the analytics report services (ReportDashboardData). */
export interface DashboardData {
  figures(now?: Date): Promise<DashboardFigures>;
}

export const DASHBOARD_DATA = Symbol('DASHBOARD_DATA');
