-- A revoked device, or one whose certificate was replaced by a re-enrollment, loses its live link
-- at once: the change wakes the link server's session of that location (the channel and function
-- of migration 0011), whose next look checks the device and closes the link. Before, the link
-- kept printing until the session's next poll. Never edit once released.
create trigger edge_devices_revoked after update of status, cert_serial on edge_devices
  for each row when (
    (new.status = 'revoked' and old.status is distinct from 'revoked')
    or new.cert_serial is distinct from old.cert_serial
  )
  execute function notify_print_jobs();
