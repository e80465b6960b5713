-- Control plane (issue 6): token authentication, optimistic concurrency, sold-out items and the
-- hash-chained audit log. See docs/adr/0008-control-plane-api.md. Never edit once released.

-- ─── Optimistic concurrency: a revision per versioned row, the ETag of the HTTP API ─────────
alter table tenant_locations add column revision bigint not null default 1 check (revision > 0);
alter table kitchen_status add column revision bigint not null default 1 check (revision > 0);
-- Items sold out right now ("86"), on top of items the menu itself marks unavailable; the
-- KitchenStatusUpdated payload's unavailable_item_ids.
alter table kitchen_status add column sold_out_item_ids text[] not null default '{}';

-- ─── Platform-admin tokens: platform-level, no tenant, reachable only through functions ─────
create table platform_admin_tokens (
  id          uuid primary key,
  name        text not null check (length(name) between 1 and 200),
  token_hash  bytea not null unique,
  prefix      text not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz,
  revoked_at  timestamptz
);
-- No grant to voxeron_app: the owner creates these (`voxeron token create --platform-admin`).

-- ─── Owner-only cross-tenant reads ──────────────────────────────────────────────────────────
-- FORCE RLS binds the owner too, so the SECURITY DEFINER token lookup (it runs before the
-- tenant is known) and `voxeron audit verify` (every tenant's chain) would see nothing when the
-- owner is not a superuser. These policies open reads to the migrating owner role only; the
-- application role still gets tenant_isolation alone.
create policy owner_token_lookup on api_tokens for select to current_user using (true);
create policy owner_audit_verification on audit_log for select to current_user using (true);
create policy owner_audit_verification on tenants for select to current_user using (true);

-- ─── Token authentication (a reviewed SECURITY DEFINER exception, ADR 0004/0008) ────────────
-- Returns at most one row for a SHA-256 token hash: a tenant token or a platform-admin token,
-- with what the caller needs to decide (expiry, revocation). Never returns the hash itself.
create function authenticate_token(p_hash bytea)
returns table (kind text, token_id uuid, tenant_id uuid, role text, scopes text[],
               expires_at timestamptz, revoked_at timestamptz)
language sql stable security definer set search_path = public as $$
  select 'tenant', t.id, t.tenant_id, t.role, t.scopes, t.expires_at, t.revoked_at
  from api_tokens t where t.token_hash = p_hash
  union all
  select 'platform', p.id, null::uuid, 'platform_admin', '{}'::text[], p.expires_at, p.revoked_at
  from platform_admin_tokens p where p.token_hash = p_hash
  limit 1
$$;
revoke all on function authenticate_token(bytea) from public;
grant execute on function authenticate_token(bytea) to voxeron_app;

-- ─── Hash-chained audit log ─────────────────────────────────────────────────────────────────
-- The canonical text of a row: a jsonb object (jsonb orders keys deterministically) of every
-- field except the hashes, the instant rendered in UTC with microseconds.
create function audit_log_canonical(a audit_log) returns text
language sql immutable set search_path = public as $$
  select jsonb_build_object(
    'tenant_id', a.tenant_id, 'seq', a.seq, 'id', a.id, 'actor', a.actor, 'action', a.action,
    'resource_type', a.resource_type, 'resource_id', a.resource_id, 'before', a.before,
    'after', a.after, 'request_id', a.request_id,
    'occurred_at', to_char(a.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text
$$;

-- hash = sha256(prev_hash || canonical JSON); the first row of a tenant has no prev_hash.
create function audit_log_expected_hash(a audit_log, p_prev bytea) returns bytea
language sql immutable set search_path = public as $$
  select sha256(coalesce(p_prev, ''::bytea) || convert_to(audit_log_canonical(a), 'UTF8'))
$$;

-- Assigns seq and the chain under a per-tenant transaction lock, so two writers of one tenant
-- serialize and seq follows commit order; whatever seq/prev_hash/hash the writer sent is ignored.
create function audit_log_chain() returns trigger language plpgsql set search_path = public as $$
declare
  previous record;
begin
  perform pg_advisory_xact_lock(hashtextextended('voxeron.audit:' || new.tenant_id::text, 0));
  select l.seq, l.hash into previous from audit_log l
  where l.tenant_id = new.tenant_id order by l.seq desc limit 1;
  new.seq := coalesce(previous.seq, 0) + 1;
  new.prev_hash := previous.hash;
  new.occurred_at := coalesce(new.occurred_at, now());
  new.hash := audit_log_expected_hash(new, new.prev_hash);
  return new;
end $$;
create trigger audit_log_chain before insert on audit_log
  for each row execute function audit_log_chain();
