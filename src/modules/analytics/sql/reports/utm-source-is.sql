-- One first-touch source ({{utm_source}}).

utm_source = {{utm_source}}
