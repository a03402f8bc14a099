#!/usr/bin/env python3
"""Footprint benchmark of hashfence-agent beside prometheus-node-exporter, in one run.

Starts a fake fleet of Antminers on loopback (agent test classes), a collector (the shipped jar) and,
side by side over the same window: the agent polling 1 miner every 10 s, the agent polling 1,000
miners every 10 s, and Debian's prometheus-node-exporter scraped every 10 s. Reports each process's
RSS (peak and last, from /proc/PID/status) and CPU as a share of one core (utime+stime over the window).

Usage, from the repository root after `mvn -pl agent -am package` and `mvn -pl collector -am package`:
    python3 agent/bench/footprint.py [--duration 120] [--warmup 30]
The agents run through the launcher (`./hashfence agent run`), so with its JVM flags and environment;
HASHFENCE_AGENT_JVM_FLAGS replaces the flags, as it does for the launcher.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, time, urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def environ_of(pid):
    return dict(entry.split("=", 1) for entry in open(f"/proc/{pid}/environ").read().split("\0") if "=" in entry)


def wait_for(path, pattern, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(path):
            match = re.search(pattern, open(path).read())
            if match:
                return match.group(1)
        time.sleep(0.2)
    sys.exit(f"timed out waiting for {pattern!r} in {path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--warmup", type=int, default=30)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    agent_jar = os.path.join(root, "agent/target/hashfence-agent.jar")
    collector_jar = os.path.join(root, "collector/target/hashfence-collector.jar")
    for jar in (agent_jar, collector_jar):
        if not os.path.exists(jar):
            sys.exit(f"build {jar} first (see the usage above)")
    node_exporter = shutil.which("prometheus-node-exporter")
    if not node_exporter:
        sys.exit("install the Debian package prometheus-node-exporter")
    work = tempfile.mkdtemp(prefix="hashfence-footprint-")
    procs = []

    def start(name, command, env=None):
        log = open(os.path.join(work, name + ".log"), "w")
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=work,
                                env=dict(os.environ, **(env or {})))
        procs.append(proc)
        return proc

    try:
        # In the reactor, so that the agent's test dependency on test-support resolves without installing it.
        classpath = subprocess.run(
            ["mvn", "-q", "-f", os.path.join(root, "pom.xml"), "-pl", "agent", "-am", "test-compile",
             "dependency:build-classpath", "-Dmdep.includeScope=test",
             "-Dmdep.outputFile=" + os.path.join(work, "cp.txt")],
            check=True) and open(os.path.join(work, "cp.txt")).read().strip()
        classpath = ":".join([os.path.join(root, "agent/target/test-classes"),
                              os.path.join(root, "agent/target/classes"), classpath])
        start("fleet", ["java", "-cp", classpath, "io.hashfence.agent.benchmark.FakeFleet", "1000",
                        os.path.join(work, "ports.txt")])
        wait_for(os.path.join(work, "fleet.log"), r"(listening)")
        ports = open(os.path.join(work, "ports.txt")).read().split()

        data = os.path.join(work, "data")
        token = subprocess.run(["java", "-jar", collector_jar, "sites", "add", "bench", "--data-dir", data],
                               check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        start("collector", ["java", "-jar", collector_jar, "run", "--data-dir", data, "--mqtt-port", "0",
                            "--http-port", "0"])
        mqtt_port = wait_for(os.path.join(work, "collector.log"), r"MQTT listening on [^:]+:(\d+)")

        agents = {}
        for name, count in (("agent-1-miner", 1), ("agent-1000-miners", 1000)):
            miners = "".join(f"  - {{host: 127.0.0.1, port: {port}}}\n" for port in ports[:count])
            config = os.path.join(work, name + ".yml")
            open(config, "w").write(
                f"site: bench\nclient_id: {name}\ncollector: tcp://127.0.0.1:{mqtt_port}\npublish_interval: 10s\n"
                f"miners:\n{miners}location: {{lat: 30.6557, lon: -97.0017}}\n"
                f"outbox: {{directory: {os.path.join(work, name + '-outbox')}}}\n")
            agents[name] = start(name, [os.path.join(root, "hashfence"), "agent", "run", "--config", config],
                                 {"HASHFENCE_TOKEN": token})
        exporter = start("node-exporter", [node_exporter, "--web.listen-address=127.0.0.1:19109"])
        measured = dict(agents, **{"prometheus-node-exporter": exporter})

        time.sleep(args.warmup)
        for name, proc in measured.items():
            if proc.poll() is not None:
                sys.exit(f"{name} exited early; see {work}/{name}.log")
        start_ticks = {name: cpu_ticks(proc.pid) for name, proc in measured.items()}
        peak = {name: 0 for name in measured}
        started = time.time()
        next_scrape = started
        while time.time() - started < args.duration:
            if time.time() >= next_scrape:
                urllib.request.urlopen("http://127.0.0.1:19109/metrics").read()
                next_scrape += 10
            for name, proc in measured.items():
                peak[name] = max(peak[name], rss_kib(proc.pid))
            time.sleep(1)
        elapsed = time.time() - started
        agent_pid = agents["agent-1-miner"].pid
        command_line = open(f"/proc/{agent_pid}/cmdline").read().strip("\0").replace("\0", " ")
        print(f"window {elapsed:.0f} s after {args.warmup} s warm-up; agent: {command_line}; "
              f"MALLOC_ARENA_MAX={environ_of(agent_pid).get('MALLOC_ARENA_MAX', '(unset)')}")
        print(f"{'process':28} {'RSS peak MiB':>12} {'RSS last MiB':>12} {'CPU % of a core':>16}")
        for name, proc in measured.items():
            cpu = (cpu_ticks(proc.pid) - start_ticks[name]) / CLK_TCK / elapsed * 100
            print(f"{name:28} {peak[name] / 1024:12.1f} {rss_kib(proc.pid) / 1024:12.1f} {cpu:16.2f}")
        print(f"logs in {work}")
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
