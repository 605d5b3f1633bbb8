"""The bot token, admin and PostgreSQL address every test agrees on."""

import os

TOKEN = "123456:TEST-token-that-must-never-be-logged"
ADMIN_ID = 42
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
