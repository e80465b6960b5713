-- Outbound webhooks (issue 4): endpoints per tenant signed per Standard Webhooks, and event
-- subscriber checkpoints for replay. See docs/adr/0014-outbound-webhooks.md. Never edit once
-- released.

-- ─── Webhook endpoints ──────────────────────────────────────────────────────────────────────
-- `secret` is the current signing secret (`whsec_<base64>`). It must be readable to sign, so it
-- is not hashed; encryption at rest (envelope encryption under a KMS key) is ADR 0014's follow-up.
-- During a rotation `previous_secret` signs too, until `previous_secret_expires_at`.
create table webhook_endpoints (
  tenant_id                  uuid not null references tenants (id) on delete cascade,
  id                         uuid not null,
  url                        text not null check (url ~ '^https://' and length(url) <= 2000),
  description                text check (length(description) <= 500),
  -- Event types delivered; validated against the contract's EventType by the API.
  event_types                text[] not null check (cardinality(event_types) between 1 and 64),
  secret                     text not null check (secret ~ '^whsec_[A-Za-z0-9+/=]{24,}$'),
  previous_secret            text check (previous_secret ~ '^whsec_[A-Za-z0-9+/=]{24,}$'),
  previous_secret_expires_at timestamptz,
  enabled                    boolean not null default true,
  -- Why deliveries stopped: `gone` (the receiver answered 410) or `operator`.
  disabled_reason            text check (disabled_reason in ('gone', 'operator')),
  revision                   bigint not null default 1 check (revision > 0),
  created_at                 timestamptz not null default now(),
  updated_at                 timestamptz not null default now(),
  primary key (tenant_id, id),
  check (enabled = (disabled_reason is null)),
  check ((previous_secret is null) = (previous_secret_expires_at is null))
);
-- The fan-out looks up a tenant's enabled endpoints for every eligible event it appends.
create index webhook_endpoints_enabled on webhook_endpoints (tenant_id) where enabled;

-- ─── Event subscriber checkpoints ──────────────────────────────────────────────────────────
-- The last event position a subscriber has applied, per tenant. Advanced in the transaction
-- that applies the subscriber's effects, so a replay that stops midway resumes exactly after
-- the last committed batch.
create table event_subscriber_checkpoints (
  tenant_id  uuid not null references tenants (id) on delete cascade,
  subscriber text not null check (subscriber ~ '^[a-z0-9][a-z0-9:._-]{0,199}$'),
  position   bigint not null default 0 check (position >= 0),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, subscriber)
);

do $$
declare
  t text;
begin
  foreach t in array array['webhook_endpoints', 'event_subscriber_checkpoints'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I
         using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
         with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  end loop;
end $$;

grant select, insert, update, delete on webhook_endpoints, event_subscriber_checkpoints to voxeron_app;
