"""Django's PostgreSQL backend, with test databases created and dropped by the owner role."""
