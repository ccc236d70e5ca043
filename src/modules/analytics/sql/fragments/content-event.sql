-- Fragment: an event about content (a course, a class, a video, a contest).

(course_id IS NOT NULL OR class_id IS NOT NULL
  OR event_type IN ('course_event', 'class_event', 'video_event', 'contest_event'))
