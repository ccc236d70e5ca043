-- One course ({{course_id}}).

AND course_id = {{course_id}}
