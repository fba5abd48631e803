"""The database's plan for a query, to check that an index serves it."""
import sqlalchemy as sa

from tracker.extensions import db


def plan_of(query, also_off: tuple[str, ...] = ()) -> str:
    """The database's plan for `query`, as text; on PostgreSQL with sequential scans discouraged, as they would be
    in a register of many requests (the tests' few rows make reading them all cheapest), and so are plain index scans
    (an index read in order, each row's text checked after), and the planner's methods named in `also_off`
    ("bitmapscan", "sort"...)."""
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        db.session.execute(sa.text("SET LOCAL enable_indexscan = off"))
        for method in also_off:
            db.session.execute(sa.text(f"SET LOCAL enable_{method} = off"))
        plan = "\n".join(db.session.scalars(sa.text(f"EXPLAIN {compiled}")))
    else:
        plan = "\n".join(row[-1] for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}")))
    db.session.rollback()
    return plan
