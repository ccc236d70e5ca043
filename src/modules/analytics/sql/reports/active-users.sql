-- Active users per period ({{distinct_members}}: distinct members of chain metric active_users).

SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM ({{distinct_members}}) d
