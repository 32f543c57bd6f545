-- Configurable review forms (issue 11 §4.2): a campaign's reviewers score
-- each candidate by the campaign's criteria, each on its own integer scale
-- 0 … scale_max. A campaign without criteria keeps the single overall score
-- of 0007 (0 … rubric_max, or none). With criteria, reviews.score holds the
-- review's total (the sum of its criteria's scores).
create table review_criteria (
  id bigint generated always as identity primary key,
  campaign_id bigint not null references campaigns(id) on delete cascade,
  -- 1, 2, 3 … in the order the reviewer's form shows them; swapped in one
  -- transaction when the coordinator reorders, hence checked at commit.
  position integer not null check (position >= 1),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 2000),
  scale_max integer not null check (scale_max between 1 and 100),
  created_at timestamptz not null default now(),
  unique (campaign_id, position) deferrable initially deferred
);

-- One score per criterion of a submitted review. A criterion that has
-- scores cannot be deleted (restrict): the scores given must keep their meaning.
-- A review removed with its assignment (a recusal) takes its scores along.
create table review_scores (
  review_id bigint not null references reviews(id) on delete cascade,
  criterion_id bigint not null references review_criteria(id) on delete restrict,
  score integer not null check (score between 0 and 100),
  primary key (review_id, criterion_id)
);
create index review_scores_criterion on review_scores (criterion_id);
