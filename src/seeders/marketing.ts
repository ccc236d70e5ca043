import type { Rng } from './random.js';

/** UTM parameters of one visit; every event of the visit carries them (spec: "captured on all events"). */
export interface Utm {
  readonly source: string;
  readonly medium: string;
  readonly campaign: string;
  readonly term: string | null;
  readonly content: string | null;
}

interface Campaign {
  readonly source: string;
  readonly medium: string;
  readonly campaign: string;
  /** Search keywords; only paid search has them. */
  readonly terms?: readonly string[];
  /** Ad or link variants. */
  readonly contents?: readonly string[];
}

/** Campaigns that bring in new visitors, with their relative traffic. */
const ACQUISITION: readonly (readonly [Campaign, number])[] = [
  [
    {
      source: 'google',
      medium: 'cpc',
      campaign: 'spring_sale',
      terms: [
        'online coding course',
        'learn typescript',
        'python data analysis course',
        'aws certification prep',
      ],
      contents: ['text_ad_a', 'text_ad_b'],
    },
    30,
  ],
  [
    {
      source: 'google',
      medium: 'cpc',
      campaign: 'brand_search',
      terms: ['course platform login', 'course platform'],
    },
    10,
  ],
  [
    {
      source: 'facebook',
      medium: 'social',
      campaign: 'career_switch',
      contents: ['carousel_1', 'video_15s'],
    },
    16,
  ],
  [{ source: 'linkedin', medium: 'social', campaign: 'upskill_engineers', contents: ['sponsored_post'] }, 12],
  [{ source: 'youtube', medium: 'video', campaign: 'free_system_design_workshop' }, 8],
  [
    {
      source: 'newsletter',
      medium: 'email',
      campaign: 'new_course_launch',
      contents: ['hero_cta', 'footer_link'],
    },
    10,
  ],
  [{ source: 'dev_community', medium: 'referral', campaign: 'partner_blog' }, 6],
];

/** Campaigns that bring existing learners back. */
const RETENTION: readonly (readonly [Campaign, number])[] = [
  [
    {
      source: 'newsletter',
      medium: 'email',
      campaign: 'weekly_digest',
      contents: ['hero_cta', 'course_card'],
    },
    60,
  ],
  [
    {
      source: 'newsletter',
      medium: 'email',
      campaign: 'new_course_launch',
      contents: ['hero_cta', 'footer_link'],
    },
    20,
  ],
  [{ source: 'push', medium: 'notification', campaign: 'streak_reminder' }, 20],
];

function toUtm(rng: Rng, campaign: Campaign): Utm {
  return {
    source: campaign.source,
    medium: campaign.medium,
    campaign: campaign.campaign,
    term: campaign.terms && rng.chance(0.7) ? rng.pick(campaign.terms) : null,
    content: campaign.contents && rng.chance(0.6) ? rng.pick(campaign.contents) : null,
  };
}

/** UTM tags of a new visitor's visit, or null for direct / organic traffic. */
export function acquisitionUtm(rng: Rng, share: number): Utm | null {
  return rng.chance(share) ? toUtm(rng, rng.weighted(ACQUISITION)) : null;
}

/** UTM tags of a returning learner's visit (e-mails, reminders), or null. */
export function retentionUtm(rng: Rng, share: number): Utm | null {
  return rng.chance(share) ? toUtm(rng, rng.weighted(RETENTION)) : null;
}

/**
 * custom_data of a visit's landing page: the referrer of untagged visits (search engines, forums),
 * or null when there is none to report (direct traffic, or UTM tags already tell the source).
 */
export function landingPageData(rng: Rng, utm: Utm | null): Record<string, unknown> | null {
  if (utm) return null;
  const referrer = rng.weighted([
    [null, 55],
    ['https://www.google.com/', 30],
    ['https://duckduckgo.com/', 5],
    ['https://www.reddit.com/', 6],
    ['https://news.ycombinator.com/', 4],
  ]);
  return referrer ? { referrer } : null;
}

/** Front-end errors, roughly in the proportions a real error tracker shows them. */
export const FRONTEND_ERRORS: readonly (readonly [Record<string, unknown>, number])[] = [
  [{ error: 'Video playback failed', code: 'MEDIA_ERR_NETWORK' }, 30],
  [{ error: 'ChunkLoadError: Loading chunk 412 failed', code: 'CHUNK_LOAD' }, 20],
  [{ error: 'Failed to fetch course outline', status: 502 }, 15],
  [
    { error: "TypeError: Cannot read properties of undefined (reading 'duration')", code: 'JS_EXCEPTION' },
    15,
  ],
  [{ error: 'Request timed out', status: 504 }, 12],
  [{ error: 'Session expired, please log in again', status: 401 }, 8],
];
