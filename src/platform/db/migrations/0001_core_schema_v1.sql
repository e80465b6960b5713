-- Core schema v1 (blueprint §10). A contract surface: never edit this file once released;
-- change the schema with a new migration (docs/adr/0004-tenant-isolation-with-rls.md).
--
-- Tenancy rule: every tenant-owned table has tenant_id, RLS ENABLE + FORCE, and the policy
-- tenant_isolation on nullif(current_setting('app.tenant_id', true), '')::uuid, so a
-- connection with no tenant set sees and writes nothing. Keys and foreign keys include
-- tenant_id. The application role (voxeron_app) owns nothing and cannot bypass RLS.

-- ─── Tenancy ──────────────────────────────────────────────────────────────────────────────
create table tenants (
  id          uuid primary key,
  name        text not null check (length(name) between 1 and 200),
  slug        text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  tier        text not null default 'standard' check (tier in ('trial', 'standard', 'premium', 'enterprise')),
  region      text not null default 'eu' check (region ~ '^[a-z]{2}(-[a-z0-9]+)*$'),
  sector      text not null default 'horeca' check (sector in ('horeca', 'healthcare', 'public', 'services')),
  locales     text[] not null default '{en-US}',
  status      text not null default 'active' check (status in ('active', 'suspended', 'offboarded')),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table tenant_locations (
  tenant_id        uuid not null references tenants (id) on delete cascade,
  id               uuid not null,
  name             text not null check (length(name) between 1 and 200),
  timezone         text not null default 'Europe/Amsterdam',
  address          jsonb not null default '{}',
  phone            text,
  overflow_enabled boolean not null default false,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (tenant_id, id)
);

-- Phone numbers and SIP URIs that reach a location. The address is unique platform-wide
-- (one number rings one restaurant); that check lives in route_directory below.
create table routes (
  tenant_id   uuid not null,
  id          uuid not null,
  location_id uuid not null,
  kind        text not null check (kind in ('phone', 'sip', 'webrtc')),
  address     text not null check (length(address) between 3 and 255),
  enabled     boolean not null default true,
  created_at  timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, address),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id) on delete cascade
);

-- ─── Configuration ────────────────────────────────────────────────────────────────────────
-- Sector blueprints are platform content shared by all tenants (no tenant_id).
create table blueprints (
  id          uuid primary key,
  sector      text not null check (sector ~ '^[a-z][a-z0-9_-]*$'),
  version     integer not null check (version > 0),
  environment text not null default 'draft' check (environment in ('draft', 'staging', 'production', 'retired')),
  definition  jsonb not null,
  created_at  timestamptz not null default now(),
  created_by  text not null,
  unique (sector, version)
);

create table tenant_overlays (
  tenant_id    uuid not null references tenants (id) on delete cascade,
  id           uuid not null,
  location_id  uuid,
  version      integer not null check (version > 0),
  blueprint_id uuid not null references blueprints (id),
  environment  text not null default 'draft' check (environment in ('draft', 'staging', 'production', 'retired')),
  overlay      jsonb not null,
  created_at   timestamptz not null default now(),
  created_by   text not null,
  primary key (tenant_id, id),
  unique (tenant_id, location_id, version),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id) on delete cascade
);

-- Flags and kill switches are defined platform-wide; tenant targeting lives in `rules`.
create table feature_flags (
  key         text primary key check (key ~ '^[a-z][a-z0-9_.-]*$'),
  description text not null default '',
  enabled     boolean not null default false,
  rules       jsonb not null default '[]',
  updated_at  timestamptz not null default now(),
  updated_by  text not null default 'system'
);

-- Vendor routing rules (§5), matched on tier/locale/sector; platform-wide.
create table model_policies (
  id          uuid primary key,
  name        text not null unique,
  priority    integer not null default 100,
  match       jsonb not null default '{}',
  routing     jsonb not null,
  enabled     boolean not null default true,
  updated_at  timestamptz not null default now()
);

-- ─── Runtime ──────────────────────────────────────────────────────────────────────────────
create table sessions (
  tenant_id          uuid not null references tenants (id) on delete cascade,
  id                 uuid not null,
  location_id        uuid not null,
  channel            text not null check (channel in ('text', 'twilio', 'sip', 'webrtc', 'simulator', 'audio-file')),
  status             text not null default 'active' check (status in ('active', 'completed')),
  outcome            text,
  correlation_id     uuid not null,
  -- Pinned at start: a session keeps the configuration it began with.
  blueprint_id       uuid references blueprints (id),
  overlay_id         uuid,
  caller_ref         text,
  routing            jsonb not null default '{}',
  metadata           jsonb not null default '{}',
  started_at         timestamptz not null default now(),
  ended_at           timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id),
  foreign key (tenant_id, overlay_id) references tenant_overlays (tenant_id, id)
);

-- Per-tenant event counter: a row lock on it orders a tenant's events by commit, so a
-- replaying reader that has seen position N never later finds an event below N.
create table event_streams (
  tenant_id uuid primary key references tenants (id) on delete cascade,
  last_seq  bigint not null default 0
);

-- Append-only, ordered per tenant, replayable (§8.2).
create table events (
  tenant_id      uuid not null references tenants (id),
  seq            bigint not null,
  id             uuid not null,
  type           text not null check (type ~ '^[A-Z][A-Za-z]+$'),
  version        integer not null check (version > 0),
  session_id     uuid,
  correlation_id uuid not null,
  causation_id   uuid,
  occurred_at    timestamptz not null,
  recorded_at    timestamptz not null default now(),
  payload        jsonb not null,
  primary key (tenant_id, seq),
  unique (tenant_id, id)
);
create index events_by_session on events (tenant_id, session_id, seq) where session_id is not null;
create index events_by_correlation on events (tenant_id, correlation_id);

create function events_assign_seq() returns trigger language plpgsql as $$
begin
  insert into event_streams as s (tenant_id, last_seq) values (new.tenant_id, 1)
  on conflict (tenant_id) do update set last_seq = s.last_seq + 1
  returning last_seq into new.seq;
  return new;
end $$;
create trigger events_assign_seq before insert on events
  for each row execute function events_assign_seq();

create function reject_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end $$;
create trigger events_append_only before update or delete on events
  for each row execute function reject_change();

-- The action state machine's rows (§8.3) double as the integration queue (outbox).
create table actions (
  tenant_id        uuid not null references tenants (id),
  id               uuid not null,
  session_id       uuid,
  correlation_id   uuid not null,
  type             text not null check (type ~ '^[a-z][a-z0-9_]*$'),
  queue            text not null check (queue in ('pos', 'printer', 'messaging', 'webhook')),
  status           text not null default 'PENDING'
                   check (status in ('PENDING', 'DISPATCHED', 'SUCCEEDED', 'FAILED', 'RETRYING', 'DEAD_LETTER', 'CANCELED')),
  payload          jsonb not null,
  idempotency_key  text not null,
  attempt          integer not null default 0 check (attempt >= 0),
  max_attempts     integer not null default 8 check (max_attempts > 0),
  next_attempt_at  timestamptz not null default now(),
  locked_by        text,
  locked_until     timestamptz,
  last_error       jsonb,
  result           jsonb,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, idempotency_key),
  foreign key (tenant_id, session_id) references sessions (tenant_id, id)
);
create index actions_ready on actions (queue, next_attempt_at) where status in ('PENDING', 'RETRYING');
create index actions_in_flight on actions (locked_until) where status = 'DISPATCHED';

-- ─── Restaurant domain ────────────────────────────────────────────────────────────────────
-- A location's menu, imported from voxeron.menu/v1; `document` keeps the import verbatim,
-- the tables below hold it queryable. One active menu per location.
create table menus (
  tenant_id   uuid not null references tenants (id) on delete cascade,
  id          uuid not null,
  location_id uuid not null,
  version     integer not null check (version > 0),
  active      boolean not null default true,
  name        text not null,
  currency    text not null check (currency ~ '^[A-Z]{3}$'),
  locale      text not null,
  hours       jsonb not null default '[]',
  fulfilment  jsonb not null,
  document    jsonb not null,
  imported_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, location_id, version),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id) on delete cascade
);
create unique index menus_one_active on menus (tenant_id, location_id) where active;

create table modifier_groups (
  tenant_id      uuid not null,
  menu_id        uuid not null,
  id             text not null,
  name           text not null,
  kind           text not null check (kind in ('size', 'choice')),
  min_choices    integer not null check (min_choices >= 0),
  max_choices    integer not null check (max_choices >= 1),
  default_option text,
  qualifiers     text[] not null default '{}',
  removable      boolean not null default false,
  position       integer not null,
  primary key (tenant_id, menu_id, id),
  foreign key (tenant_id, menu_id) references menus (tenant_id, id) on delete cascade
);

create table modifier_options (
  tenant_id    uuid not null,
  menu_id      uuid not null,
  group_id     text not null,
  id           text not null,
  name         text not null,
  aliases      text[] not null default '{}',
  price_minor  integer not null,
  position     integer not null,
  primary key (tenant_id, menu_id, group_id, id),
  foreign key (tenant_id, menu_id, group_id) references modifier_groups (tenant_id, menu_id, id) on delete cascade
);

create table menu_items (
  tenant_id       uuid not null,
  menu_id         uuid not null,
  id              text not null,
  name            text not null,
  aliases         text[] not null default '{}',
  category        text not null,
  price_minor     integer not null check (price_minor >= 0),
  variants        jsonb,
  modifier_groups text[] not null default '{}',
  includes        text[] not null default '{}',
  available       boolean not null default true,
  age_restricted  boolean not null default false,
  position        integer not null,
  updated_at      timestamptz not null default now(),
  primary key (tenant_id, menu_id, id),
  foreign key (tenant_id, menu_id) references menus (tenant_id, id) on delete cascade
);

create table kitchen_status (
  tenant_id             uuid not null,
  location_id           uuid not null,
  accepting_orders      boolean not null default true,
  pickup_wait_minutes   integer not null default 20 check (pickup_wait_minutes between 0 and 600),
  delivery_wait_minutes integer not null default 45 check (delivery_wait_minutes between 0 and 600),
  paused_until          timestamptz,
  note                  text,
  updated_at            timestamptz not null default now(),
  primary key (tenant_id, location_id),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id) on delete cascade
);

-- ─── Access, audit, edge ──────────────────────────────────────────────────────────────────
create table api_tokens (
  tenant_id    uuid not null references tenants (id) on delete cascade,
  id           uuid not null,
  name         text not null,
  role         text not null check (role in ('tenant_admin', 'operator', 'viewer')),
  scopes       text[] not null default '{}',
  token_hash   bytea not null,
  prefix       text not null,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz,
  rotated_from uuid,
  primary key (tenant_id, id),
  unique (tenant_id, token_hash)
);
-- Authentication finds a token by its hash before the tenant is known (a SECURITY DEFINER
-- lookup, like resolve_route); hashes of 256-bit random tokens do not collide.
create index api_tokens_by_hash on api_tokens (token_hash);

-- Append-only (no UPDATE/DELETE grant, and a trigger); hash-chained per tenant.
create table audit_log (
  tenant_id     uuid not null references tenants (id),
  seq           bigint not null,
  id            uuid not null,
  actor         text not null,
  action        text not null,
  resource_type text not null,
  resource_id   text,
  before        jsonb,
  after         jsonb,
  request_id    text,
  occurred_at   timestamptz not null default now(),
  prev_hash     bytea,
  hash          bytea not null,
  primary key (tenant_id, seq),
  unique (tenant_id, id)
);
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function reject_change();

create table edge_devices (
  tenant_id             uuid not null references tenants (id) on delete cascade,
  id                    uuid not null,
  location_id           uuid not null,
  name                  text not null,
  status                text not null default 'pending' check (status in ('pending', 'enrolled', 'revoked')),
  enrollment_code_hash  bytea,
  enrollment_expires_at timestamptz,
  cert_serial           text,
  cert_fingerprint      text,
  cert_not_after        timestamptz,
  agent_version         text,
  last_seen_at          timestamptz,
  last_heartbeat        jsonb,
  created_at            timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id) on delete cascade
);

create table print_jobs (
  tenant_id           uuid not null,
  id                  uuid not null,
  location_id         uuid not null,
  device_id           uuid,
  action_id           uuid,
  order_ref           text not null,
  printer_id          text,
  ticket              jsonb not null,
  status              text not null default 'queued'
                      check (status in ('queued', 'offered', 'accepted', 'printing', 'printed', 'failed', 'canceled', 'printed_after_cancel')),
  attempts            integer not null default 0,
  cancel_requested_at timestamptz,
  printed_at          timestamptz,
  last_error          text,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id),
  foreign key (tenant_id, device_id) references edge_devices (tenant_id, id),
  foreign key (tenant_id, action_id) references actions (tenant_id, id)
);

-- ─── Row-level security on every tenant-owned table ───────────────────────────────────────
alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenant_isolation on tenants
  using (id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (id = nullif(current_setting('app.tenant_id', true), '')::uuid);

do $$
declare
  t text;
begin
  foreach t in array array[
    'tenant_locations', 'routes', 'tenant_overlays', 'sessions', 'event_streams', 'events',
    'actions', 'menus', 'modifier_groups', 'modifier_options', 'menu_items', 'kitchen_status',
    'api_tokens', 'audit_log', 'edge_devices', 'print_jobs'
  ] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I
         using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
         with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  end loop;
end $$;

-- ─── Cross-tenant directory: the one lookup that must happen before the tenant is known ───
-- An incoming call names only the dialled number. route_directory maps it to its tenant and
-- location; the application cannot read it, only call resolve_route().
create table route_directory (
  address     text primary key,
  tenant_id   uuid not null,
  location_id uuid not null,
  route_id    uuid not null,
  enabled     boolean not null
);

create function routes_sync_directory() returns trigger language plpgsql security definer
set search_path = public as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from route_directory where route_id = old.id and tenant_id = old.tenant_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into route_directory (address, tenant_id, location_id, route_id, enabled)
    values (new.address, new.tenant_id, new.location_id, new.id, new.enabled);
    return new;
  end if;
  return old;
end $$;
create trigger routes_sync_directory after insert or update or delete on routes
  for each row execute function routes_sync_directory();

create function resolve_route(p_address text)
returns table (tenant_id uuid, location_id uuid, route_id uuid)
language sql stable security definer set search_path = public as $$
  select d.tenant_id, d.location_id, d.route_id from route_directory d
  where d.address = p_address and d.enabled
$$;
revoke all on function resolve_route(text) from public;
revoke all on function routes_sync_directory() from public;

-- ─── What the application role may do ─────────────────────────────────────────────────────
grant usage on schema public to voxeron_app;
grant select, insert, update, delete on
  tenants, tenant_locations, routes, tenant_overlays, sessions, actions, menus, modifier_groups,
  modifier_options, menu_items, kitchen_status, api_tokens, edge_devices, print_jobs,
  blueprints, feature_flags, model_policies
  to voxeron_app;
grant select, insert, update on event_streams to voxeron_app;
grant select, insert on events, audit_log to voxeron_app;
grant execute on function resolve_route(text) to voxeron_app;
