-- Edge plane (issue 5): enrollment lookup, certificate rotation, link sessions for the online
-- ratio (blueprint §16). See docs/adr/0009-edge-agent.md. Never edit once released.

-- The previous certificate stays valid until the device is first seen with the new one, so a
-- rotation whose answer was lost does not lock the device out.
alter table edge_devices add column previous_cert_serial text;
-- Not unique: a unique key without tenant_id would leak across tenants (ADR 0004); the
-- 256-bit random codes cannot collide anyway.
create index edge_devices_enrollment_code on edge_devices (enrollment_code_hash)
  where enrollment_code_hash is not null;

-- One row per link connection of a device: from these the online ratio over a window is
-- computed (connected until disconnected_at, or until last_seen_at when it never closed).
create table edge_device_sessions (
  tenant_id       uuid not null,
  id              uuid not null,
  device_id       uuid not null,
  connected_at    timestamptz not null default now(),
  last_seen_at    timestamptz not null default now(),
  disconnected_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, device_id) references edge_devices (tenant_id, id) on delete cascade
);
create index edge_device_sessions_device on edge_device_sessions (tenant_id, device_id, connected_at);
alter table edge_device_sessions enable row level security;
alter table edge_device_sessions force row level security;
create policy tenant_isolation on edge_device_sessions
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on edge_device_sessions to voxeron_app;

-- ─── Enrollment lookup (a reviewed SECURITY DEFINER exception, ADR 0004/0009) ─────────────
-- An agent presents only its one-time code: the tenant is not known yet. Returns the pending,
-- unexpired device whose code hashes to p_hash; the hash itself is never returned. The
-- enrollment then continues inside withTenant, which re-checks the code hash and status.
create policy owner_enrollment_lookup on edge_devices for select to current_user using (true);

create function edge_enrollment_lookup(p_hash bytea)
returns table (tenant_id uuid, device_id uuid, location_id uuid)
language sql stable security definer set search_path = public as $$
  select d.tenant_id, d.id, d.location_id from edge_devices d
  where d.enrollment_code_hash = p_hash and d.status = 'pending'
    and d.enrollment_expires_at > now()
  limit 1
$$;
revoke all on function edge_enrollment_lookup(bytea) from public;
grant execute on function edge_enrollment_lookup(bytea) to voxeron_app;
