-- Sessions grouped by landing page.

landing_page
