-- First milestones when the range has no live day: the stored ones ({{stored}}).

({{stored}})
