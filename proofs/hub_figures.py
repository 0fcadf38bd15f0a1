"""The hub load proof's figures: counted from what the run saw, and printed.

Every number comes from the run (files on disk, what each person's kernel answered,
/proc); none is a constant. ``python -m proofs.hub_load`` prints them.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

__all__ = ["count", "show_all"]

APP = "02-after-the-incident.ipynb"


def count(state, users, by_owner, temps, truncated, final, watched, burst_s,
             periodic, errors, answered, withdrawal) -> dict:
    """Every figure of the run, from its state and what was found on disk."""
    people = [r for r in users if r != "fac"]
    n = len(people)
    arrived = sum(1 for r in people if by_owner.get(r, 0) >= 1)
    duplicates = sum(max(0, by_owner.get(r, 0) - 1) for r in people)
    reported = [p["file"] for p in final["problems"]]
    pooled_whole = final["people"]
    lost = n - arrived
    times = sorted(state.people[r]["export_s"] for r in people
                   if "export_s" in state.people[r] and r != state.kill_role)
    waited = sorted(state.people[r]["answer_s"] for r in people
                    if "answer_s" in state.people[r])
    answers_ok = sum(1 for r in people if answered.get(r, 0) >= 1)

    def pct(q: float) -> float | None:
        if not times:
            return None
        return times[min(len(times) - 1, round(q * (len(times) - 1)))]

    faults = []
    kill = state.people.get(state.kill_role or "", {})
    if state.kill_role:
        faults.append({
            "fault": "server SIGKILLed during an export",
            "person_saw": kill.get("kill_first"),
            "next_page": kill.get("kill_next_page"),
            # The kill races the export: either the confirmation came first (the
            # file landed, nothing to redo) or it never came (they export again).
            "confirmed_before_the_kill": bool(
                (kill.get("kill_first", {}).get("result") or {}).get("ok")
            ),
            "their_files_in_the_drop": by_owner.get(state.kill_role, 0),
            "survived": bool(kill.get("killed_pids"))
            and bool(kill.get("export", {}).get("ok"))
            and by_owner.get(state.kill_role, 0) >= 1,
        })
    restart = getattr(state, "restart", {})
    faults.append({
        "fault": "hub and proxy restarted mid-run",
        **restart,
        "survived": bool(restart) and restart["servers_kept"] ==
        restart["servers_before"] and restart["proxy_restarted"],
    })
    full = state.people.get(state.disk_full_role or "", {}).get("disk_full")
    if full is not None:
        faults.append({
            "fault": "drop folder's disk full for one export",
            "person_saw": full["seen"],
            "survived": full["seen"].get("ok") is None
            and bool(full["seen"].get("status"))
            and not full["temps_left"]
            and bool(state.people[state.disk_full_role].get("export", {}).get("ok")),
        })
    if truncated:
        faults.append({
            "fault": "an export truncated by hand",
            "facilitator_saw": [p["message"] for p in final["problems"]],
            "survived": truncated in reported
            and pooled_whole == arrived - 1 - (1 if withdrawal.get("left_out") else 0),
        })
    rss = state.sampler.peak_total
    cpu = state.sampler.cpu_seconds()
    mib = 1024 * 1024
    return {
        "participants": n,
        "errors": errors,
        "kernels_replaced": list(getattr(state, "kernels_replaced", [])),
        "pages_reloaded": list(getattr(state, "pages_reloaded", [])),
        "app": state.app,
        "app_ok": sum(1 for r in people if state.people[r].get("app_ok")),
        "app_s_p50": statistics.median([state.people[r]["app_s"] for r in people
                                        if "app_s" in state.people[r]] or [0]),
        "spawn_s_p50": statistics.median([state.people[r].get("spawn_s", 0)
                                          for r in people]),
        "exports_expected": n,
        "exports_arrived": arrived,
        "exports_lost": lost,
        "exports_duplicated": duplicates,
        "files_in_drop": sum(by_owner.values()),
        "temp_files_left": temps,
        "pooled_whole_people": pooled_whole,
        "pool_problems": reported,
        "truncated": truncated,
        "answers_expected": n,
        "answers_confirmed": answers_ok,
        "answers_pooled": final["answers"],
        "withdrawal": withdrawal,
        "answer_through_restart_p50_s": statistics.median(waited) if waited else None,
        "export_p50_s": pct(0.5),
        "export_p95_s": pct(0.95),
        "export_max_s": times[-1] if times else None,
        "burst_s": burst_s,
        "pool_end_s": final["pool_s"],
        "watch": watched,
        "periodic_pools": periodic,
        "faults": faults,
        "faults_injected": len(faults),
        "faults_survived": sum(1 for f in faults if f["survived"]),
        "culler_service": state.culler,
        "peak_mib_per_participant_p50": statistics.median(
            [rss.get(r, 0) / mib for r in people]),
        "peak_mib_per_participant_max": max(rss.get(r, 0) for r in people) / mib,
        "peak_server_mib_p50": statistics.median(
            [state.sampler.peak_server.get(r, 0) / mib for r in people]),
        "peak_kernels_mib_p50": statistics.median(
            [state.sampler.peak_kernels.get(r, 0) / mib for r in people]),
        "cpu_s_per_participant_p50": statistics.median(
            [cpu.get(r, 0.0) for r in people]),
        "cpu_s_all_participants": sum(cpu.get(r, 0.0) for r in people),
        "hub_peak_mib": state.sampler.extra.get("hub", 0) / mib,
        "run_s": time.monotonic() - state.started,
    }


def show_all(figures: dict, command: str) -> None:
    """Print the figures, the command behind them first."""
    def show(seconds) -> str:
        return "—" if seconds is None else f"{seconds:.2f} s"

    f = figures
    print(f"# {command}  ({os.cpu_count()} cores, Python {sys.version.split()[0]})")
    print(f"participants                 {f['participants']}"
          f"  (errors: {len(f['errors'])})")
    for role, error in f["errors"].items():
        print(f"  {role}: {error}")
    silent = f.get("pages_reloaded", [])
    print(f"app pages not whole in 120 s, reloaded     {len(silent)}"
          + (f"  ({', '.join(silent)})" if silent else ""))
    gone = f.get("kernels_replaced", [])
    print(f"kernels gone mid-run (404), started again   {len(gone)}"
          + (f"  ({', '.join(gone)})" if gone else ""))
    if f["app"]:
        print(f"app pages (Voila, {APP})  {f['app_ok']}/{f['participants']} whole,"
              f" p50 {show(f['app_s_p50'])} after the server started")
    print(f"server start, p50            {show(f['spawn_s_p50'])} (login to ready)")
    print(f"exports expected / arrived / lost   {f['exports_expected']} / "
          f"{f['exports_arrived']} / {f['exports_lost']}"
          f"  (files {f['files_in_drop']}, duplicates {f['exports_duplicated']},"
          f" temp files left {len(f['temp_files_left'])})")
    print(f"survey answers expected / confirmed / pooled   {f['answers_expected']}"
          f" / {f['answers_confirmed']} / {f['answers_pooled']}  (sent while the hub"
          f" was down: confirmed after p50 {show(f['answer_through_restart_p50_s'])})")
    print(f"Export to confirmation       p50 {show(f['export_p50_s'])}, p95 "
          f"{show(f['export_p95_s'])}, max {show(f['export_max_s'])}"
          f" (all pressed at once)")
    w = f["watch"]
    print(f"pooling while exports land  {w.get('rounds', 0)} pools, "
          f"{w.get('partial', '?')} partial files, {w.get('problems', '?')} problems"
          f" ({len(w.get('unexpected_problem_files', []))} not from an export sent"
          f" twice),"
          f" slowest {show(w.get('slowest_s'))}; {f['periodic_pools']} pools through"
          f" the hub every 3 s")
    print(f"pool at the end              {show(f['pool_end_s'])}; "
          f"{f['pooled_whole_people']} people pooled whole, problems: "
          f"{f['pool_problems'] or 'none'}")
    gone = f["withdrawal"]
    print(f"withdrawn export left out of the next pool: "
          f"{'yes' if gone.get('left_out') else 'NO'}"
          f"  ({gone.get('person_saw', 'not tried')})")
    print(f"faults injected / survived   {f['faults_injected']} / "
          f"{f['faults_survived']}")
    for fault in f["faults"]:
        detail = {k: v for k, v in fault.items() if k not in ("fault", "survived")}
        print(f"  {'survived' if fault['survived'] else 'NOT SURVIVED'}: "
              f"{fault['fault']}: {json.dumps(detail)}")
    print(f"peak memory per participant  p50 {f['peak_mib_per_participant_p50']:.0f}"
          f" MiB, max {f['peak_mib_per_participant_max']:.0f} MiB (server p50 "
          f"{f['peak_server_mib_p50']:.0f} MiB, its kernels p50 "
          f"{f['peak_kernels_mib_p50']:.0f} MiB); hub {f['hub_peak_mib']:.0f} MiB")
    print(f"CPU per participant          p50 {f['cpu_s_per_participant_p50']:.1f} s;"
          f" all participants {f['cpu_s_all_participants']:.0f} s")
    print(f"idle culler as a hub service {'yes' if f['culler_service'] else 'no'}")
    print(f"run                          {f['run_s']:.0f} s")
