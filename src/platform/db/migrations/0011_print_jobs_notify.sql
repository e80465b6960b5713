-- A new print job, or a cancel requested for one, wakes the link server's session of that
-- location at once (LISTEN voxeron_print_jobs, payload: the location id) instead of at its next
-- poll. The poll stays as the safety net for a lost notification. Never edit once released.
create function notify_print_jobs() returns trigger
  language plpgsql as $$
begin
  perform pg_notify('voxeron_print_jobs', new.location_id::text);
  return null;
end;
$$;

create trigger print_jobs_created after insert on print_jobs
  for each row execute function notify_print_jobs();

create trigger print_jobs_cancel_requested after update of cancel_requested_at on print_jobs
  for each row when (old.cancel_requested_at is null and new.cancel_requested_at is not null)
  execute function notify_print_jobs();
