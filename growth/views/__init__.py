"""The pages of growth, by topic: the person's own (home, self-assessments, reflections) and
the district admins' frameworks."""
