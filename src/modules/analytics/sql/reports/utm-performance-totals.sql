-- Distinct users ({{users}}) and converters ({{converters}}) overall, or of one source.

SELECT (SELECT sum(members) FROM {{users}} u) AS users,
                (SELECT sum(members) FROM {{converters}} c) AS conversions
