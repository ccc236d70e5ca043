-- Modules of one course: by the events' course, or a module the catalog lists in it ({{module_ids}}).

WHERE course_id = {{course_id}} OR module_id = ANY({{module_ids}}::text[])
