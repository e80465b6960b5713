-- Dispatcher throughput (issue 4): the successes of many actions, across tenants, recorded in
-- one statement — the counterpart of claim_actions, and the same reviewed exception to tenant
-- isolation (docs/adr/0007-fair-cross-tenant-dispatch.md, docs/adr/0015-batched-outcomes.md).
-- Never edit once released.

-- Every claim and every outcome moves an action in or out of these partial indexes. The first
-- two (0001) were superseded by the per-tenant ones of 0002, which the claim walks; nothing
-- reads them any more, and keeping them only made each move dearer.
drop index actions_ready;
drop index actions_in_flight;
-- The claim takes each tenant's oldest due actions `order by next_attempt_at, id`. Without `id`
-- in the index, actions enqueued in one transaction (one next_attempt_at) were all read and
-- sorted to pick the first; with it, the scan stops after the rows it takes.
create index actions_ready_by_tenant_v2 on actions (queue, tenant_id, next_attempt_at, id)
  where status in ('PENDING', 'RETRYING');
drop index actions_ready_by_tenant;
create index actions_lease_by_queue_v2 on actions (queue, locked_until, id) where status = 'DISPATCHED';
drop index actions_lease_by_queue;

-- The fan-out reads the endpoints subscribed to each event, for every tenant of the batch.
do $$
begin
  execute format(
    'create policy dispatcher_claim on webhook_endpoints to %I
       using (current_setting(''voxeron.dispatcher_claim'', true) = ''on'')', current_user);
end $$;

-- Moves each held action DISPATCHED → SUCCEEDED and appends its events, in one statement.
-- The lease guard is the one every outcome write uses: only rows still DISPATCHED, locked by
-- that worker, at that attempt, move; the others (a lease lost to a takeover) are left alone,
-- their events are not written, and they are absent from the answer. Events were validated
-- against the v1 contract by the caller; they are inserted in tenant order (as claim_actions
-- does: concurrent batches lock event streams in one order) and, within a tenant, in `ord`.
-- Answers one row per moved action, and one more per (event, subscribed webhook endpoint) for
-- the caller to enqueue the deliveries in this same transaction.
create function record_successes(p_outcomes jsonb, p_events jsonb)
returns table (action_id uuid, event_id uuid, endpoint_id uuid, endpoint_url text)
language plpgsql volatile security definer
set search_path = public, pg_temp
set voxeron.dispatcher_claim = 'on'
as $$
#variable_conflict use_column
begin
  if jsonb_typeof(p_outcomes) is distinct from 'array' or jsonb_array_length(p_outcomes) not between 1 and 1000 then
    raise exception 'record_successes: 1..1000 outcomes expected' using errcode = 'invalid_parameter_value';
  end if;
  if jsonb_typeof(p_events) is distinct from 'array' or jsonb_array_length(p_events) > 5000 then
    raise exception 'record_successes: at most 5000 events expected' using errcode = 'invalid_parameter_value';
  end if;

  return query
  with
  outcomes as (
    select * from jsonb_to_recordset(p_outcomes)
      as o(tenant_id uuid, id uuid, locked_by text, attempt integer, result jsonb)
  ),
  moved as (
    update actions a
       set status = 'SUCCEEDED', result = o.result,
           locked_by = null, locked_until = null, updated_at = now()
      from outcomes o
     where a.tenant_id = o.tenant_id and a.id = o.id and a.status = 'DISPATCHED'
       and a.locked_by = o.locked_by and a.attempt = o.attempt
    returning a.tenant_id, a.id
  ),
  input as (
    select * from jsonb_to_recordset(p_events)
      as e(action_id uuid, tenant_id uuid, id uuid, type text, version integer, session_id uuid,
           correlation_id uuid, causation_id uuid, occurred_at timestamptz, payload jsonb,
           eligible boolean, ord integer)
  ),
  inserted as (
    insert into events (tenant_id, id, type, version, session_id, correlation_id, causation_id, occurred_at, payload)
    select e.tenant_id, e.id, e.type, e.version, e.session_id, e.correlation_id, e.causation_id,
           e.occurred_at, e.payload
    from input e join moved m on m.tenant_id = e.tenant_id and m.id = e.action_id
    order by e.tenant_id, e.ord
    returning tenant_id, id
  )
  select m.id, null::uuid, null::uuid, null::text from moved m
  union all
  select e.action_id, e.id, w.id, w.url
  from inserted i
  join input e on e.tenant_id = i.tenant_id and e.id = i.id
  join webhook_endpoints w on w.tenant_id = e.tenant_id and w.enabled and e.type = any (w.event_types)
  where e.eligible;
end $$;
revoke all on function record_successes(jsonb, jsonb) from public;
grant execute on function record_successes(jsonb, jsonb) to voxeron_app;

-- record_successes' statement costs milliseconds to plan and a custom plan is no better than
-- the generic one: plan it once per connection.
alter function record_successes(jsonb, jsonb) set plan_cache_mode = force_generic_plan;

-- claim_actions as in 0002, with two changes. It serves at most p_limit tenants per batch,
-- drawn at random among those with work (0002 locked one row of every tenant with work, to
-- use p_limit of them: a thousand row locks per claim with a thousand busy tenants). And it is
-- planned once per connection (plan_cache_mode): planning cost more than running it.
create or replace function claim_actions(
  p_queue text,
  p_worker text,
  p_limit integer,
  p_lease_ms integer,
  p_skip_tenants uuid[] default '{}'
)
returns table (
  tenant_id uuid,
  id uuid,
  type text,
  previous_status text,
  attempt integer,
  max_attempts integer,
  payload jsonb,
  idempotency_key text,
  correlation_id uuid,
  session_id uuid,
  lease_expired boolean,
  locked_until timestamptz,
  created_at timestamptz,
  last_error jsonb
)
language plpgsql volatile security definer
set search_path = public, pg_temp
set voxeron.dispatcher_claim = 'on'
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  v_pivot uuid := gen_random_uuid();
  -- Tenants looked at per claim: bounds the scan; the random pivot rotates who is first.
  v_max_tenants constant integer := 1000;
begin
  if p_queue is null or p_queue not in ('pos', 'printer', 'messaging', 'webhook') then
    raise exception 'claim_actions: unknown queue %', p_queue using errcode = 'invalid_parameter_value';
  end if;
  if p_worker is null or length(p_worker) not between 1 and 200 then
    raise exception 'claim_actions: worker id must be 1..200 characters' using errcode = 'invalid_parameter_value';
  end if;
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception 'claim_actions: limit must be 1..1000' using errcode = 'invalid_parameter_value';
  end if;
  if p_lease_ms is null or p_lease_ms not between 100 and 3600000 then
    raise exception 'claim_actions: lease must be 100..3600000 ms' using errcode = 'invalid_parameter_value';
  end if;

  return query
  with recursive
  upper_tenants (tenant_id, n) as (
    (select a.tenant_id, 1 from actions a
      where a.queue = p_queue and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
        and a.tenant_id >= v_pivot
      order by a.tenant_id limit 1)
    union all
    select (select a.tenant_id from actions a
             where a.queue = p_queue and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
               and a.tenant_id > u.tenant_id
             order by a.tenant_id limit 1),
           u.n + 1
    from upper_tenants u where u.tenant_id is not null and u.n < v_max_tenants
  ),
  lower_tenants (tenant_id, n) as (
    (select a.tenant_id, 1 from actions a
      where a.queue = p_queue and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
        and a.tenant_id < v_pivot
      order by a.tenant_id limit 1)
    union all
    select (select a.tenant_id from actions a
             where a.queue = p_queue and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
               and a.tenant_id > l.tenant_id and a.tenant_id < v_pivot
             order by a.tenant_id limit 1),
           l.n + 1
    from lower_tenants l where l.tenant_id is not null and l.n < v_max_tenants
  ),
  ready_tenants as (
    select r.tenant_id from (
      select u.tenant_id, u.n as ord from upper_tenants u
      union all
      select l.tenant_id, l.n + v_max_tenants from lower_tenants l
    ) r
    where r.tenant_id is not null and not (r.tenant_id = any (p_skip_tenants))
    order by r.ord limit v_max_tenants
  ),
  -- The tenants served by this batch: at most p_limit of those with work, drawn at random, so
  -- that a claim locks a handful of rows, not one per tenant with work (1,000 tenants).
  picked_tenants as (
    select t.tenant_id from ready_tenants t order by random() limit p_limit
  ),
  -- Each tenant's share of the batch, locked right away so that concurrent claimers move on
  -- to other rows instead of colliding on the same oldest ones.
  tenant_share as (
    select greatest(1, ceil(p_limit::numeric / greatest(count(*), 1)))::integer as k
    from picked_tenants
  ),
  candidates as (
    select c.tenant_id, c.id, c.status, c.due_at from picked_tenants t
    cross join lateral (
      select a.tenant_id, a.id, a.status, a.next_attempt_at as due_at
      from actions a
      where a.queue = p_queue and a.tenant_id = t.tenant_id
        and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
      order by a.next_attempt_at, a.id
      limit (select k from tenant_share)
      for update of a skip locked
    ) c
    union all
    select e.tenant_id, e.id, e.status, e.due_at from (
      select a.tenant_id, a.id, a.status, a.locked_until as due_at from actions a
      where a.queue = p_queue and a.status = 'DISPATCHED' and a.locked_until < now()
        and not (a.tenant_id = any (p_skip_tenants))
      order by a.locked_until, a.id limit p_limit
      for update of a skip locked
    ) e
  ),
  -- Round robin: every tenant's first action before any tenant's second.
  chosen as (
    select r.tenant_id, r.id, r.status as previous_status from (
      select c.*, row_number() over (partition by c.tenant_id order by c.due_at, c.id) as rank_in_tenant
      from candidates c
    ) r
    order by r.rank_in_tenant, random() limit p_limit
  ),
  claimed as (
    update actions a
       set status = 'DISPATCHED',
           attempt = a.attempt + 1,
           locked_by = p_worker,
           locked_until = now() + p_lease_ms * interval '1 millisecond',
           updated_at = now()
      from chosen l
     where a.tenant_id = l.tenant_id and a.id = l.id
    returning a.tenant_id, a.id, a.type, l.previous_status, a.attempt, a.max_attempts, a.payload,
              a.idempotency_key, a.correlation_id, a.session_id,
              l.previous_status = 'DISPATCHED' as lease_expired, a.locked_until, a.created_at,
              a.last_error
  ),
  moves (step, event, from_status, to_status, reason, for_expired) as (
    values
      (1, 'fail', 'DISPATCHED', 'FAILED', 'lease_expired: the worker stopped mid-attempt; outcome unknown, reconciling', true),
      (2, 'schedule_retry', 'FAILED', 'RETRYING', 'lease_expired: the worker stopped mid-attempt; outcome unknown, reconciling', true),
      (3, 'dispatch', null, 'DISPATCHED', null, null)
  ),
  recorded as (
    insert into events (tenant_id, id, type, version, session_id, correlation_id, occurred_at, payload)
    select c.tenant_id, gen_random_uuid(), 'ActionStateChanged', 1, c.session_id, c.correlation_id,
           now(),
           jsonb_build_object(
             'action_id', c.id, 'action_type', c.type,
             'from', case when m.step = 3 then (case when c.lease_expired then 'RETRYING' else c.previous_status end) else m.from_status end,
             'event', m.event, 'to', m.to_status, 'actor', 'system', 'reason', m.reason,
             'attempt', case when m.step = 3 then c.attempt else c.attempt - 1 end)
    from claimed c join moves m on m.for_expired is null or m.for_expired = c.lease_expired
    order by c.tenant_id, c.id, m.step
  )
  select c.tenant_id, c.id, c.type, c.previous_status, c.attempt, c.max_attempts, c.payload,
         c.idempotency_key, c.correlation_id, c.session_id, c.lease_expired, c.locked_until,
         c.created_at, c.last_error
  from claimed c;
end $$;
