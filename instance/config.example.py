# MLA Tracker deployment settings: copy to instance/config.py and adjust. Every key may also be given
# as an environment variable with the TRACKER_ prefix (TRACKER_SQLALCHEMY_DATABASE_URI=...).

# PostgreSQL in production (psycopg 3):
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://tracker:secret@db.internal/tracker"

# A long random value shared by every web worker; without it one is generated under instance/.
# SECRET_KEY = "..."

# Behind HTTPS:
# SESSION_COOKIE_SECURE = True
# REMEMBER_COOKIE_SECURE = True

# Base address used in links inside emails.
# PUBLIC_URL = "https://mla-tracker.prokuror.example"

# Rows per page in request lists.
# REQUESTS_PER_PAGE = 25
