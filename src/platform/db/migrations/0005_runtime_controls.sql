-- Runtime controls (issue 6, slice 8): feature-flag targeting, kill switches, overlay promotion
-- with approvals and pinning, a platform audit log, onboarding confirmations.
-- See docs/adr/0013-kill-switch-propagation.md. Never edit once released.

-- ─── Feature flags: tenant allow/deny lists and a percentage rollout ─────────────────────────
-- A flag is on for a tenant when enabled, the tenant is not denied, and it is allowed or its
-- bucket (hash of key + tenant, 0–99) is below rollout_percent. `rules` (0001) stays unused.
alter table feature_flags
  add column allow_tenant_ids uuid[] not null default '{}',
  add column deny_tenant_ids uuid[] not null default '{}',
  add column rollout_percent integer not null default 0 check (rollout_percent between 0 and 100),
  add column revision bigint not null default 1 check (revision > 0),
  add column created_at timestamptz not null default now();

-- ─── Model routing policies (§5): optimistic concurrency for the control API ──────────────
alter table model_policies add column revision bigint not null default 1 check (revision > 0);

-- ─── Kill switches ─────────────────────────────────────────────────────────────────────────
-- A switch is on from created_at until cleared_at; cleared rows stay as history. `target`:
-- the integration queue for integration_off, the vendor name for vendor_off, null otherwise.
create table global_kill_switches (
  id          uuid primary key,
  kind        text not null check (kind in ('overflow_off', 'integration_off', 'vendor_off')),
  target      text,
  reason      text not null check (length(reason) between 1 and 500),
  created_by  text not null,
  created_at  timestamptz not null default now(),
  cleared_at  timestamptz,
  cleared_by  text,
  check ((kind = 'overflow_off' and target is null)
      or (kind = 'integration_off' and target in ('pos', 'printer', 'messaging', 'webhook'))
      or (kind = 'vendor_off' and target ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'))
);
create unique index global_kill_switches_one_active
  on global_kill_switches (kind, coalesce(target, '')) where cleared_at is null;

-- Per tenant; an overflow_off may name one location (null: every location of the tenant).
create table tenant_kill_switches (
  tenant_id   uuid not null references tenants (id) on delete cascade,
  id          uuid not null,
  kind        text not null check (kind in ('overflow_off', 'integration_off', 'vendor_off')),
  target      text,
  location_id uuid,
  reason      text not null check (length(reason) between 1 and 500),
  created_by  text not null,
  created_at  timestamptz not null default now(),
  cleared_at  timestamptz,
  cleared_by  text,
  primary key (tenant_id, id),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id) on delete cascade,
  check ((kind = 'overflow_off' and target is null)
      or (kind = 'integration_off' and target in ('pos', 'printer', 'messaging', 'webhook') and location_id is null)
      or (kind = 'vendor_off' and target ~ '^[a-z0-9][a-z0-9_.-]{0,63}$' and location_id is null))
);
create unique index tenant_kill_switches_one_active
  on tenant_kill_switches (tenant_id, kind, coalesce(target, ''), coalesce(location_id::text, ''))
  where cleared_at is null;

-- ─── Overlay lifecycle: immutable versions, promotions with approval, pinning ──────────────
-- A version's content never changes; only its environment moves.
create function tenant_overlays_immutable() returns trigger language plpgsql as $$
begin
  if new.overlay is distinct from old.overlay or new.version <> old.version
     or new.blueprint_id <> old.blueprint_id or new.location_id is distinct from old.location_id
     or new.created_by <> old.created_by then
    raise exception 'tenant_overlays versions are immutable: create a new version'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;
create trigger tenant_overlays_immutable before update on tenant_overlays
  for each row execute function tenant_overlays_immutable();
-- One production version per tenant × location scope at a time.
create unique index tenant_overlays_one_production
  on tenant_overlays (tenant_id, coalesce(location_id::text, '')) where environment = 'production';

create table overlay_promotions (
  tenant_id    uuid not null references tenants (id) on delete cascade,
  id           uuid not null,
  overlay_id   uuid not null,
  from_env     text not null check (from_env in ('draft', 'staging', 'production', 'retired')),
  to_env       text not null check (to_env in ('staging', 'production')),
  status       text not null default 'pending' check (status in ('pending', 'applied', 'rejected')),
  requested_by text not null,
  approved_by  text,
  created_at   timestamptz not null default now(),
  decided_at   timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, overlay_id) references tenant_overlays (tenant_id, id) on delete cascade
);
create unique index overlay_promotions_one_pending
  on overlay_promotions (tenant_id, overlay_id) where status = 'pending';

-- A pinned location keeps its version whatever is promoted; null location: the tenant default.
create table overlay_pins (
  tenant_id   uuid not null references tenants (id) on delete cascade,
  id          uuid not null,
  location_id uuid,
  overlay_id  uuid not null,
  pinned_by   text not null,
  pinned_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, overlay_id) references tenant_overlays (tenant_id, id) on delete cascade,
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id) on delete cascade
);
create unique index overlay_pins_one_per_scope
  on overlay_pins (tenant_id, coalesce(location_id::text, ''));

-- ─── Onboarding: the steps a person confirms (the others are computed from real state) ─────
create table onboarding_confirmations (
  tenant_id    uuid not null,
  location_id  uuid not null,
  step         text not null check (step in ('number_forwarding', 'shadow_mode')),
  confirmed_by text not null,
  confirmed_at timestamptz not null default now(),
  note         text check (length(note) <= 500),
  primary key (tenant_id, location_id, step),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id) on delete cascade
);

do $$
declare
  t text;
begin
  foreach t in array array[
    'tenant_kill_switches', 'overlay_promotions', 'overlay_pins', 'onboarding_confirmations'
  ] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I
         using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
         with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  end loop;
end $$;

-- ─── Platform audit log: changes with no tenant (flags, global switches, model policies) ────
-- Append-only and hash-chained like audit_log (0003), one chain for the whole platform.
create table platform_audit_log (
  seq           bigint primary key,
  id            uuid not null unique,
  actor         text not null,
  action        text not null,
  resource_type text not null,
  resource_id   text,
  before        jsonb,
  after         jsonb,
  request_id    text,
  occurred_at   timestamptz not null default now(),
  prev_hash     bytea,
  hash          bytea not null
);
create trigger platform_audit_log_append_only before update or delete on platform_audit_log
  for each row execute function reject_change();

create function platform_audit_log_expected_hash(a platform_audit_log, p_prev bytea) returns bytea
language sql immutable set search_path = public as $$
  select sha256(coalesce(p_prev, ''::bytea) || convert_to(jsonb_build_object(
    'seq', a.seq, 'id', a.id, 'actor', a.actor, 'action', a.action,
    'resource_type', a.resource_type, 'resource_id', a.resource_id, 'before', a.before,
    'after', a.after, 'request_id', a.request_id,
    'occurred_at', to_char(a.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text, 'UTF8'))
$$;

create function platform_audit_log_chain() returns trigger language plpgsql set search_path = public as $$
declare
  previous record;
begin
  perform pg_advisory_xact_lock(hashtextextended('voxeron.audit:platform', 0));
  select l.seq, l.hash into previous from platform_audit_log l order by l.seq desc limit 1;
  new.seq := coalesce(previous.seq, 0) + 1;
  new.prev_hash := previous.hash;
  new.occurred_at := coalesce(new.occurred_at, now());
  new.hash := platform_audit_log_expected_hash(new, new.prev_hash);
  return new;
end $$;
create trigger platform_audit_log_chain before insert on platform_audit_log
  for each row execute function platform_audit_log_chain();

-- ─── The runtime reader's one cross-tenant read (a reviewed SECURITY DEFINER exception) ─────
-- Every worker keeps all active switches in memory (RuntimeControls); the tenant is not known
-- up front. Returns only active switches, never reasons or authors.
create policy owner_runtime_controls on tenant_kill_switches for select to current_user using (true);

create function active_kill_switches()
returns table (tenant_id uuid, kind text, target text, location_id uuid)
language sql stable security definer set search_path = public as $$
  select null::uuid, g.kind, g.target, null::uuid from global_kill_switches g where g.cleared_at is null
  union all
  select t.tenant_id, t.kind, t.target, t.location_id from tenant_kill_switches t where t.cleared_at is null
$$;
revoke all on function active_kill_switches() from public;
grant execute on function active_kill_switches() to voxeron_app;

grant select, insert, update on global_kill_switches, tenant_kill_switches to voxeron_app;
grant select, insert, update on overlay_promotions to voxeron_app;
grant select, insert, update, delete on overlay_pins, onboarding_confirmations to voxeron_app;
grant select, insert on platform_audit_log to voxeron_app;
