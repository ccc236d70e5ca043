-- Classes of one course: by the events' course, or a class the catalog lists in it ({{class_ids}}).

 AND (course_id = {{course_id}} OR class_id = ANY({{class_ids}}::text[]))
