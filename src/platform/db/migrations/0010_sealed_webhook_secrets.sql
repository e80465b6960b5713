-- Webhook signing secrets are stored sealed (AES-256-GCM under the platform's secret keys,
-- bound to their row; ADR 0023): `v1.<keyId>.<iv>.<ciphertext+tag>`. Plain `whsec_` values
-- written before this migration stay readable until `voxeron start` seals them. Never edit once
-- released.
alter table webhook_endpoints drop constraint webhook_endpoints_secret_check;
alter table webhook_endpoints drop constraint webhook_endpoints_previous_secret_check;
alter table webhook_endpoints
  add constraint webhook_endpoints_secret_check check (
    secret ~ '^v1\.[a-z0-9][a-z0-9_-]{0,31}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$'
    or secret ~ '^whsec_[A-Za-z0-9+/=]{24,}$'),
  add constraint webhook_endpoints_previous_secret_check check (
    previous_secret ~ '^v1\.[a-z0-9][a-z0-9_-]{0,31}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$'
    or previous_secret ~ '^whsec_[A-Za-z0-9+/=]{24,}$');
