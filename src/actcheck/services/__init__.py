"""The service layer: the verbs of actcheck. Each takes its session and its actor
explicitly, flushes and logs; the caller (a view, a command) commits once."""
