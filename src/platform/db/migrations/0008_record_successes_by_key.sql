-- Dispatcher throughput (issue 4): record_successes moves each action by its primary key.
-- Never edit once released. Reviewed with claim_actions (docs/adr/0007-fair-cross-tenant-dispatch.md,
-- docs/adr/0015-batched-outcomes.md, docs/adr/0016-claim-ahead.md).
--
-- 0007 moved the batch with one `update … from jsonb_to_recordset(…)`. Its generic plan (the
-- function is planned once per connection) did not know the batch held a handful of rows, so
-- it joined them to every DISPATCHED row: a bitmap scan of the lease index, which keeps the
-- entries of every finished action until VACUUM removes them. Each batch therefore read more
-- than the one before. Here each action is one primary-key update, whatever the planner thinks.
-- Behaviour is unchanged: the same lease guard, the same answer, events in tenant order.
create or replace function record_successes(p_outcomes jsonb, p_events jsonb)
returns table (action_id uuid, event_id uuid, endpoint_id uuid, endpoint_url text)
language plpgsql volatile security definer
set search_path = public, pg_temp
set voxeron.dispatcher_claim = 'on'
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  o record;
  v_tenants uuid[] := '{}';
  v_ids uuid[] := '{}';
begin
  if jsonb_typeof(p_outcomes) is distinct from 'array' or jsonb_array_length(p_outcomes) not between 1 and 1000 then
    raise exception 'record_successes: 1..1000 outcomes expected' using errcode = 'invalid_parameter_value';
  end if;
  if jsonb_typeof(p_events) is distinct from 'array' or jsonb_array_length(p_events) > 5000 then
    raise exception 'record_successes: at most 5000 events expected' using errcode = 'invalid_parameter_value';
  end if;

  -- In (tenant, id) order, so that two batches never wait on each other's rows in opposite orders.
  for o in
    select * from jsonb_to_recordset(p_outcomes)
      as x(tenant_id uuid, id uuid, locked_by text, attempt integer, result jsonb)
    order by x.tenant_id, x.id
  loop
    update actions a
       set status = 'SUCCEEDED', result = o.result,
           locked_by = null, locked_until = null, updated_at = now()
     where a.tenant_id = o.tenant_id and a.id = o.id and a.status = 'DISPATCHED'
       and a.locked_by = o.locked_by and a.attempt = o.attempt;
    if found then
      v_tenants := v_tenants || o.tenant_id;
      v_ids := v_ids || o.id;
    end if;
  end loop;

  return query
  with
  moved as (
    select m.tenant_id, m.id from unnest(v_tenants, v_ids) as m(tenant_id, id)
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
