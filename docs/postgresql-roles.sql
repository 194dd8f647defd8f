-- The portal's two PostgreSQL roles and its database (docs/deployment.md, "Database roles").
--
-- Run once, as a superuser, naming the roles and the database:
--
--   psql -v owner=portal_owner -v app=portal_app -v database=portal -f docs/postgresql-roles.sql
--
-- then give each role a password (`\password portal_owner`, `\password portal_app`) unless
-- the server authenticates them otherwise.
--
-- The owner owns the database, its schema and every table: it runs the migrations
-- (PORTAL_MIGRATION_DATABASE_URL) and nothing else. The application's role (the web
-- servers' and workers' PORTAL_DATABASE_URL) owns nothing and can create nothing; after
-- each migration the owner grants it what portal/data/roles.py lists: ordinary reads and
-- writes, but only SELECT and INSERT on the audit log, so that no one holding the
-- application's password can change, remove or empty an audit row, nor lift the triggers
-- that refuse it.

\set ON_ERROR_STOP on

CREATE ROLE :"owner" LOGIN;
CREATE ROLE :"app" LOGIN;
CREATE DATABASE :"database" OWNER :"owner";

\connect :"database"

-- The schema belongs to the owner; no one else may create anything in it.
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
