-- Fragment: the login funnel step an event is (the spec's query 6), or NULL.

CASE
  WHEN event_type = 'we_page_load' AND page LIKE '%/login%' THEN 1
  WHEN event_action = 'login_button_clicked' THEN 2
  WHEN event_action = 'email_entered' THEN 3
  WHEN event_action = 'otp_requested' THEN 4
  WHEN event_action = 'otp_entered' THEN 5
  WHEN event_action = 'login_success' THEN 6
  WHEN event_type = 'we_page_load' AND page LIKE '%/dashboard%' THEN 7 END
