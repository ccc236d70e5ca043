-- The stored rows of one aggregate ({{aggregate}}, named `public.` explicitly: a live day's temporary
-- table of the same name would take precedence) for the range's rolled-up days.

(SELECT * FROM {{aggregate}} WHERE day BETWEEN {{from}} AND {{to}}
      AND {{stored_day}})
