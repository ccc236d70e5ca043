-- Sessions that have a landing page, and the session filters ({{filters}}).

landing_page IS NOT NULL AND {{filters}}
