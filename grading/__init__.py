"""Course operations for Moderation School: bilingual build, student checks, workspace."""
