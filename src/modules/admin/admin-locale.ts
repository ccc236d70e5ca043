import type { AdminJSOptions } from 'adminjs';

/**
 * Our own wording over AdminJS's defaults: the login page says what this is and who may sign in
 * (instead of AdminJS's marketing text), and durations carry their unit in the label, since the
 * two tables store different units (courses minutes, classes seconds).
 */
export const ADMIN_LOCALE: AdminJSOptions['locale'] = {
  language: 'en',
  availableLanguages: ['en'],
  translations: {
    en: {
      components: {
        Login: {
          welcomeHeader: 'Course Platform back office',
          welcomeMessage:
            'Catalog, users, access and reports of the course platform. Only staff and admin accounts may sign in; students use the app.',
        },
      },
      resources: {
        courses: { properties: { duration: 'Duration (minutes)' } },
        classes: { properties: { duration: 'Duration (seconds)' } },
      },
    },
  },
};
