-- x.day is one of the raw days before the range ({{history_days}}).

x.day = ANY({{history_days}})
