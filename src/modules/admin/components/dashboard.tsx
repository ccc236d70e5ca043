import { Box, H2, Loader, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import React, { useEffect, useState } from 'react';
import type { DashboardFigures } from '../dashboard/dashboard-data.js';
import { BarList, ChartCard, ColumnChart, LineChart } from './_charts.js';

const api = new ApiClient();

/** The back office's home: charts of the last weeks, from the dashboard handler (DASHBOARD_DATA). */
export default function Dashboard() {
  const [figures, setFigures] = useState<DashboardFigures | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .getDashboard<DashboardFigures>()
      .then((response) => setFigures(response.data))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  if (error) return <MessageBox m="xl" message={`Could not load the dashboard: ${error}`} variant="danger" />;
  if (!figures) return <Loader />;
  const funnelStart = figures.loginFunnel[0]?.sessions ?? 0;
  return (
    <Box p="xl" data-testid="dashboard">
      <H2>Course platform at a glance</H2>
      <Text color="grey60" mb="xl">
        Figures as of {new Date(figures.generatedAt).toLocaleString()}
      </Text>
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(440px, 1fr))',
          gap: 24,
        }}
      >
        <ChartCard title="Daily active users" subtitle="Signed-in users with any event, last 30 days (UTC)">
          <LineChart
            id="dau"
            points={figures.dailyActiveUsers.map((d) => ({
              label: d.day,
              value: d.value,
            }))}
          />
        </ChartCard>
        <ChartCard
          title="Enrolments per week"
          subtitle="Course access granted, last 12 weeks (weeks start on Monday)"
        >
          <ColumnChart
            id="enrolments"
            points={figures.enrolmentsPerWeek.map((d) => ({
              label: d.day,
              value: d.value,
            }))}
          />
        </ChartCard>
        <ChartCard title="Login funnel" subtitle="Sessions reaching each step, last 30 days">
          <BarList
            id="funnel"
            points={figures.loginFunnel.map((s) => ({
              label: s.step,
              value: s.sessions,
            }))}
            format={(p) =>
              funnelStart ? `${p.value} · ${Math.round((100 * p.value) / funnelStart)}%` : String(p.value)
            }
          />
        </ChartCard>
        <ChartCard title="Top UTM campaigns" subtitle="Unique users, last 30 days (conversions = logged in)">
          <BarList
            id="campaigns"
            points={figures.topCampaigns.map((c) => ({
              label: `${c.campaign ?? '(no campaign)'} · ${c.source}${c.medium ? `/${c.medium}` : ''} · ${c.conversions} conv.`,
              value: c.users,
            }))}
          />
        </ChartCard>
        <ChartCard
          title="Most viewed classes"
          subtitle="Learners with progress in the class (completions in brackets)"
        >
          <BarList
            id="classes"
            points={figures.mostViewedClasses.map((c) => ({
              label: `${c.classTitle} (${c.completions})`,
              value: c.viewers,
            }))}
          />
        </ChartCard>
      </Box>
    </Box>
  );
}
