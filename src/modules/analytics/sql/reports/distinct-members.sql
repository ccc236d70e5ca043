-- Distinct members, as a relation ({{distinct_members}}).

({{distinct_members}})
