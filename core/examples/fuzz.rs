//! The long fuzzing pass over scenario links and v1 CSV files.
//!
//! ```text
//! cargo run --release -p glabella-core --example fuzz -- --inputs 1000000 --seed 1
//! ```
//!
//! Options: `--inputs N` per target (default 1,000,000), `--seed S` (default 1), `--target url` or
//! `csv` (default both), `--jobs J` worker processes (default: the number of cores),
//! `--show INDEX` (run one input and print it).
//!
//! The inputs are split among worker processes (this program run with `--worker`), so that
//! nothing an input does, not even an abort or an endless loop, can stop the run. A worker
//! catches panics itself where it can; when one dies or stops reporting, this process runs the
//! rest of its range again, input by input, to find the culprit, writes it to
//! `target/fuzz-crashes/` and goes on after it. It prints, per target: inputs, time, inputs per
//! second, crashes, hangs and the slowest input.

#[path = "../tests/fuzz/harness.rs"]
mod harness;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use harness::{preview, run_one, save, Corpus, Outcome, Target};

/// A worker that says nothing for this long is stuck in one input.
const SILENCE: Duration = Duration::from_secs(20);
/// A target stops after this many failing inputs per worker range: by then the bug is plain.
const MAX_FAILURES: u64 = 50;
/// A worker reports its progress at least this often while its inputs return.
const REPORT_EVERY: Duration = Duration::from_millis(200);

struct Options {
    inputs: u64,
    seed: u64,
    targets: Vec<Target>,
    jobs: u64,
    show: Option<u64>,
    /// `--worker TARGET START END [trace]`.
    worker: Option<(Target, u64, u64, bool)>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        inputs: 1_000_000,
        seed: 1,
        targets: Target::ALL.to_vec(),
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get() as u64),
        show: None,
        worker: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut idx = 0;
    let value = |idx: &mut usize| -> Result<String, String> {
        *idx += 1;
        args.get(*idx)
            .cloned()
            .ok_or_else(|| format!("`{}` needs a value", args[*idx - 1]))
    };
    let number = |text: String| -> Result<u64, String> {
        text.replace('_', "")
            .parse()
            .map_err(|_| format!("`{text}` is not a whole number"))
    };
    let target = |text: String| {
        Target::from_name(&text).ok_or_else(|| format!("`{text}` is not a target (url or csv)"))
    };
    while idx < args.len() {
        match args[idx].as_str() {
            "--inputs" => options.inputs = number(value(&mut idx)?)?,
            "--seed" => options.seed = number(value(&mut idx)?)?,
            "--jobs" => options.jobs = number(value(&mut idx)?)?.max(1),
            "--target" => options.targets = vec![target(value(&mut idx)?)?],
            "--show" => options.show = Some(number(value(&mut idx)?)?),
            "--worker" => {
                let which = target(value(&mut idx)?)?;
                let start = number(value(&mut idx)?)?;
                let end = number(value(&mut idx)?)?;
                let trace = args.get(idx + 1).is_some_and(|arg| arg == "trace");
                idx += usize::from(trace);
                options.worker = Some((which, start, end, trace));
            }
            other => return Err(format!("unknown option `{other}`")),
        }
        idx += 1;
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(problem) => {
            eprintln!("fuzz: {problem}");
            return ExitCode::from(2);
        }
    };
    if let Some((target, start, end, trace)) = options.worker {
        worker(target, options.seed, start, end, trace);
        return ExitCode::SUCCESS;
    }
    if let Some(index) = options.show {
        let corpus = Corpus::new();
        for &target in &options.targets {
            let (bytes, dataset) = corpus.input(target, options.seed, index);
            let (outcome, elapsed) = run_one(&corpus, target, &bytes, dataset);
            println!(
                "{} #{index} (dataset {dataset}, {} bytes, {:.3} ms): {outcome:?}\n{}",
                target.name(),
                bytes.len(),
                elapsed.as_secs_f64() * 1e3,
                preview(&bytes)
            );
        }
        return ExitCode::SUCCESS;
    }
    let mut clean = true;
    for &target in &options.targets {
        let summary = supervise(target, &options);
        clean &= summary.crashes == 0 && summary.hangs == 0;
    }
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs inputs `start..end`. Protocol, one line each on stdout:
/// `progress NEXT SLOWEST_NANOS SLOWEST_INDEX`, `fail INDEX KIND MESSAGE`, and in trace mode
/// `at INDEX` before each input.
fn worker(target: Target, seed: u64, start: u64, end: u64, trace: bool) {
    let corpus = Corpus::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut slowest = (0u128, start);
    let mut reported = Instant::now();
    for index in start..end {
        if trace {
            let _ = writeln!(out, "at {index}");
            let _ = out.flush();
        }
        let (bytes, dataset) = corpus.input(target, seed, index);
        let (outcome, elapsed) = run_one(&corpus, target, &bytes, dataset);
        if elapsed.as_nanos() > slowest.0 {
            slowest = (elapsed.as_nanos(), index);
        }
        let failure = match outcome {
            Outcome::Passed => None,
            Outcome::Failed(problem) => Some(("crash", problem)),
            Outcome::Panicked(message) => Some(("crash", format!("panic: {message}"))),
            Outcome::Slow(time) => Some(("hang", format!("took {time:?}"))),
        };
        if let Some((kind, message)) = failure {
            let message = message.replace('\n', " ");
            let _ = writeln!(out, "fail {index} {kind} {message}");
        }
        if reported.elapsed() > REPORT_EVERY || index + 1 == end {
            let _ = writeln!(out, "progress {} {} {}", index + 1, slowest.0, slowest.1);
            let _ = out.flush();
            reported = Instant::now();
        }
    }
}

#[derive(Default)]
struct Summary {
    inputs: u64,
    /// The inputs already reported as failing.
    failed: BTreeSet<u64>,
    crashes: u64,
    hangs: u64,
    /// Nanoseconds and index.
    slowest: (u128, u64),
}

impl Summary {
    fn add(&mut self, other: Summary) {
        self.inputs += other.inputs;
        self.failed.extend(other.failed);
        self.crashes += other.crashes;
        self.hangs += other.hangs;
        if other.slowest.0 > self.slowest.0 {
            self.slowest = other.slowest;
        }
    }
}

fn supervise(target: Target, options: &Options) -> Summary {
    let started = Instant::now();
    let corpus = Corpus::new();
    let chunk = options.inputs.div_ceil(options.jobs).max(1);
    let ranges: Vec<(u64, u64)> = (0..options.jobs)
        .map(|job| (job * chunk, ((job + 1) * chunk).min(options.inputs)))
        .filter(|(start, end)| start < end)
        .collect();
    let mut summary = Summary::default();
    let corpus = &corpus;
    std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .iter()
            .map(|&(start, end)| {
                scope.spawn(move || run_range(target, options.seed, start, end, corpus))
            })
            .collect();
        for handle in handles {
            summary.add(handle.join().expect("a supervising thread ends"));
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    let (nanos, index) = summary.slowest;
    // The slowest time may be the machine's doing: time that input again, on its own.
    let (bytes, dataset) = corpus.input(target, options.seed, index);
    let again = (0..3)
        .map(|_| run_one(corpus, target, &bytes, dataset).1)
        .min()
        .unwrap_or_default();
    println!(
        "{}: {} inputs in {seconds:.1} s ({:.0} inputs/s), {} crashes, {} hangs, slowest input {:.2} ms (#{index}, {} bytes; {:.2} ms when run again)",
        target.name(),
        summary.inputs,
        summary.inputs as f64 / seconds,
        summary.crashes,
        summary.hangs,
        nanos as f64 / 1e6,
        bytes.len(),
        again.as_secs_f64() * 1e3,
    );
    summary
}

/// How a worker process ended.
enum End {
    Finished,
    /// Stopped at [`MAX_FAILURES`].
    Enough,
    /// Died, or was killed for its silence, after the last index it announced.
    Stopped {
        last: Option<u64>,
        why: String,
    },
}

/// Runs `start..end` in worker processes until every input has run once.
fn run_range(target: Target, seed: u64, start: u64, end: u64, corpus: &Corpus) -> Summary {
    let mut summary = Summary::default();
    let mut next = start;
    while next < end {
        let (ended, progress) = run_worker(target, seed, next, end, false, corpus, &mut summary);
        match ended {
            End::Finished | End::Enough => break,
            End::Stopped { .. } => {
                // Again from the last report, announcing each input, to find the culprit.
                let from = progress.max(next);
                let (ended, done) = run_worker(target, seed, from, end, true, corpus, &mut summary);
                match ended {
                    End::Enough => break,
                    End::Finished => {
                        eprintln!(
                            "{}: a worker stopped after #{from} but the rerun did not",
                            target.name()
                        );
                        break;
                    }
                    End::Stopped { last, why } => {
                        let index = last.unwrap_or(from);
                        let (bytes, _) = corpus.input(target, seed, index);
                        let path = save(target, seed, index, &bytes);
                        if why.starts_with("silent") {
                            summary.hangs += 1;
                        } else {
                            summary.crashes += 1;
                        }
                        // The inputs after the last report, this one included.
                        summary.inputs += index + 1 - done.min(index);
                        summary.failed.insert(index);
                        println!(
                            "{} #{index}: {why}\n  saved to {}\n  {}",
                            target.name(),
                            path.display(),
                            preview(&bytes)
                        );
                        next = index + 1;
                        if summary.crashes + summary.hangs >= MAX_FAILURES {
                            println!(
                                "{}: stopping this range after {MAX_FAILURES} failing inputs",
                                target.name()
                            );
                            break;
                        }
                    }
                }
            }
        }
    }
    summary
}

/// Runs one worker process; returns how it ended and the first index it did not finish.
/// Failures it reports are counted and saved here.
fn run_worker(
    target: Target,
    seed: u64,
    start: u64,
    end: u64,
    trace: bool,
    corpus: &Corpus,
    summary: &mut Summary,
) -> (End, u64) {
    let exe = std::env::current_exe().expect("the path of this program");
    let mut command = Command::new(exe);
    command
        .args(["--seed", &seed.to_string(), "--worker", target.name()])
        .args([start.to_string(), end.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if trace {
        command.arg("trace");
    }
    let mut child = command.spawn().expect("a worker process starts");
    let lines = read_lines(&mut child);
    let stderr = child.stderr.take().expect("the worker's stderr");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            text.push_str(&line);
            text.push(' ');
            text.truncate(2000);
        }
        text
    });
    let mut progress = start;
    let mut last = None;
    let silent = loop {
        match lines.recv_timeout(SILENCE) {
            Ok(line) => {
                let mut words = line.splitn(4, ' ');
                match (words.next(), words.next(), words.next(), words.next()) {
                    (Some("at"), Some(index), _, _) => last = index.parse().ok(),
                    (Some("progress"), Some(done), Some(nanos), Some(index)) => {
                        let done: u64 = done.parse().unwrap_or(progress);
                        summary.inputs += done - progress;
                        progress = done;
                        let nanos: u128 = nanos.parse().unwrap_or(0);
                        if nanos > summary.slowest.0 {
                            summary.slowest = (nanos, index.parse().unwrap_or(0));
                        }
                    }
                    (Some("fail"), Some(index), Some(kind), message) => {
                        let index: u64 = index.parse().unwrap_or(0);
                        if !summary.failed.insert(index) {
                            continue;
                        }
                        let (bytes, _) = corpus.input(target, seed, index);
                        let path = save(target, seed, index, &bytes);
                        if kind == "hang" {
                            summary.hangs += 1;
                        } else {
                            summary.crashes += 1;
                        }
                        println!(
                            "{} #{index}: {kind}: {}\n  saved to {}\n  {}",
                            target.name(),
                            message.unwrap_or(""),
                            path.display(),
                            preview(&bytes)
                        );
                        if summary.crashes + summary.hangs >= MAX_FAILURES {
                            println!(
                                "{}: stopping this range after {MAX_FAILURES} failing inputs",
                                target.name()
                            );
                            let _ = child.kill();
                            let _ = child.wait();
                            return (End::Enough, progress);
                        }
                    }
                    _ => {}
                }
            }
            Err(RecvTimeoutError::Timeout) => break true,
            Err(RecvTimeoutError::Disconnected) => break false,
        }
    };
    if silent {
        let _ = child.kill();
    }
    let status = child.wait().expect("the worker process ends");
    let errors = errors.join().unwrap_or_default();
    if !silent && status.success() && progress == end {
        return (End::Finished, progress);
    }
    let why = if silent {
        format!("silent for {SILENCE:?}: an endless loop or a very slow input")
    } else {
        format!("the worker died ({status}): {}", errors.trim())
    };
    (End::Stopped { last, why }, progress)
}

/// The worker's stdout, line by line, through a channel that can be waited on with a timeout.
fn read_lines(child: &mut Child) -> Receiver<String> {
    let stdout = child.stdout.take().expect("the worker's stdout");
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}
