-- Each region's IANA time zone (DESIGN §12): dates shown, deadlines, protocol
-- times, consent expiry and the public cache's day boundary are computed in it.
-- Until now the app used Moscow time everywhere; the preset regions get their
-- own zone, any other region keeps Moscow until its coordinator changes it.

alter table regions add column time_zone text;

update regions set time_zone = case code
  when 'tomsk' then 'Asia/Tomsk'
  when 'chelyabinsk' then 'Asia/Yekaterinburg'
  when 'yugra' then 'Asia/Yekaterinburg'
  when 'khabarovsk' then 'Asia/Vladivostok'
  else 'Europe/Moscow'
end;

alter table regions alter column time_zone set not null;

-- An IANA "Area/Location" name (POSIX strings such as 'UTC+5' mean UTC-5 to
-- PostgreSQL), and one the database knows: converting a fixed instant raises
-- "time zone not recognized" for an unknown name, so a bad value is refused
-- however it arrives. The application validates it first with a clear message.
alter table regions add constraint regions_time_zone_valid check (
  time_zone ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)+$'
  and ('2000-01-01 00:00:00+00'::timestamptz at time zone time_zone) is not null
);
