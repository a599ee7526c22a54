//! Reading one `$`-delimited FAERS table: a header read by column name, then rows.
//!
//! No quoting (a `"` is data), CRLF or LF, bytes that are not UTF-8 kept as bytes (the terms
//! matched are ASCII, so this is the same as decoding them lossily). A row whose number of fields
//! differs from the header's is skipped and counted, except one surplus empty last field (a
//! trailing `$`), which is benign.

use std::io::{self, BufRead, Read};

use serde::Serialize;

use crate::Error;

/// The most columns one table read asks for.
pub(crate) const MAX_SLOTS: usize = 8;

/// A column asked for, under any of its names (`sex` or, before 2014Q3, `gndr_cod`).
pub(crate) struct Column {
    pub names: &'static [&'static str],
    pub required: bool,
}

pub(crate) const fn required(names: &'static [&'static str]) -> Column {
    Column {
        names,
        required: true,
    }
}

pub(crate) const fn optional(names: &'static [&'static str]) -> Column {
    Column {
        names,
        required: false,
    }
}

/// The fields asked for, in the order of the columns; an absent optional column is empty.
pub(crate) type Fields<'a> = [&'a [u8]; MAX_SLOTS];

/// Why a row that has the right shape is still skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// An id column (`primaryid`, `caseid`) that is not a whole number.
    NotAnId(&'static str),
}

/// One skipped row, named by file and line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Malformed {
    pub file: String,
    /// 1-based, the header being line 1.
    pub line: u64,
    pub problem: String,
}

/// How many examples of skipped rows are kept.
pub const EXAMPLES: usize = 10;

/// Rows skipped for their shape, across tables: the count and the first few.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub rows: u64,
    pub examples: Vec<Malformed>,
}

impl Skipped {
    #[cfg(test)]
    fn add(&mut self, file: &str, line: u64, problem: impl FnOnce() -> String) {
        self.rows += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(Malformed {
                file: file.to_owned(),
                line,
                problem: problem(),
            });
        }
    }

    pub(crate) fn merge(&mut self, other: Skipped) {
        self.rows += other.rows;
        let room = EXAMPLES.saturating_sub(self.examples.len());
        self.examples.extend(other.examples.into_iter().take(room));
    }
}

/// Calls `f` with every line, without its `\n` and one `\r` before it.
pub(crate) fn for_each_line<R: BufRead>(
    reader: &mut R,
    mut f: impl FnMut(&[u8]),
) -> io::Result<()> {
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', buf) {
            if carry.is_empty() {
                f(trim_cr(&buf[start..end]));
            } else {
                carry.extend_from_slice(&buf[start..end]);
                f(trim_cr(&carry));
                carry.clear();
            }
            start = end + 1;
        }
        carry.extend_from_slice(&buf[start..]);
        reader.consume(len);
    }
    if !carry.is_empty() {
        f(trim_cr(&carry));
    }
    Ok(())
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that is zero. Bits above the lowest may be wrong (a
/// borrow), so only the lowest is used.
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGHS
}

/// The position of the next `$` or `\n` from `from`, eight bytes at a time.
fn next_delimiter(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let found = zero_bytes(word ^ (ONES * u64::from(b'$')))
            | zero_bytes(word ^ (ONES * u64::from(b'\n')));
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&byte| byte == b'$' || byte == b'\n')
        .map(|step| at + step)
}

/// The high bit of each byte of `word` that is zero, exactly.
fn zero_bytes_exact(word: u64) -> u64 {
    const LOWS: u64 = !HIGHS;
    !(((word & LOWS).wrapping_add(LOWS)) | word | LOWS)
}

/// From `from`: the position of the next `\n` (or the end) and how many `$` come before it.
fn rest_of_line(bytes: &[u8], from: usize) -> (usize, usize) {
    let mut at = from;
    let mut dollars = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let signs = zero_bytes_exact(word ^ (ONES * u64::from(b'$')));
        let newline = zero_bytes(word ^ (ONES * u64::from(b'\n')));
        if newline != 0 {
            let bit = newline.trailing_zeros();
            dollars += (signs & ((1u64 << bit) - 1)).count_ones() as usize;
            return (at + (bit / 8) as usize, dollars);
        }
        dollars += signs.count_ones() as usize;
        at += 8;
    }
    for (step, &byte) in bytes[at.min(bytes.len())..].iter().enumerate() {
        match byte {
            b'\n' => return (at + step, dollars),
            b'$' => dollars += 1,
            _ => {}
        }
    }
    (bytes.len(), dollars)
}

/// The end of `block[from..end]` without one `\r` before `end`.
fn trim_end_cr(block: &[u8], from: usize, end: usize) -> usize {
    if end > from && block[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Header names: split on `$`, decoded lossily, trimmed (2012Q4 has ` rept_dt`), lower-cased
/// (legacy headers were upper-case); a trailing `$` leaves no empty last name.
fn header_names(line: &[u8]) -> Vec<String> {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let mut names: Vec<String> = line
        .split(|&byte| byte == b'$')
        .map(|name| String::from_utf8_lossy(name).trim().to_lowercase())
        .collect();
    if names.len() > 1 && names.last().is_some_and(String::is_empty) {
        names.pop();
    }
    names
}

/// How the rows of a table become events. `parse` runs on worker threads, so it only reads
/// shared state (plus its thread's own `Local` scratch); the caller applies the events in file
/// order on its own thread.
pub(crate) trait RowParser: Sync {
    type Event: Send;
    /// Per-thread scratch: a cache, a buffer.
    type Local: Default;

    /// The event of a well-shaped row, if it has one.
    ///
    /// # Errors
    ///
    /// The row cannot be used (its id is not a number): it is skipped and counted.
    fn parse(
        &self,
        local: &mut Self::Local,
        fields: &Fields,
    ) -> Result<Option<Self::Event>, Problem>;
}

/// Bytes of table text handed to a worker at a time (whole lines).
const CHUNK: usize = 1 << 20;

/// What a chunk of lines gave.
struct Parsed<E> {
    lines: u64,
    accepted: u64,
    events: Vec<E>,
    skipped: u64,
    /// Line within the chunk (1-based) and problem, for the first few skipped rows.
    examples: Vec<(u64, String)>,
}

/// Where the asked-for fields are.
struct Shape {
    /// Column position → slot + 1 (0: not asked for).
    want: Vec<u8>,
    width: usize,
    last_wanted: usize,
}

/// Reads a table: `parser` turns each well-shaped row into an event, and `apply` takes the
/// events in file order. Returns the number of rows the parser accepted.
///
/// The text is cut into chunks of whole lines parsed on as many threads as the machine has
/// cores (at most four), so memory holds a few chunks, never the table.
///
/// # Errors
///
/// An empty table, a missing required column, or a read error.
pub(crate) fn read_table<R: BufRead, P: RowParser>(
    reader: R,
    file: &str,
    columns: &[Column],
    skipped: &mut Skipped,
    parser: &P,
    apply: impl FnMut(P::Event),
) -> Result<u64, Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    read_on(threads, reader, file, columns, skipped, parser, apply)
}

/// [`read_table`] on `threads` workers (none: on this thread).
fn read_on<R: BufRead, P: RowParser>(
    threads: usize,
    mut reader: R,
    file: &str,
    columns: &[Column],
    skipped: &mut Skipped,
    parser: &P,
    mut apply: impl FnMut(P::Event),
) -> Result<u64, Error> {
    assert!(columns.len() <= MAX_SLOTS, "too many columns asked for");
    let mut header = Vec::new();
    reader
        .read_until(b'\n', &mut header)
        .map_err(|source| Error::Io {
            file: file.to_owned(),
            line: 0,
            source,
        })?;
    if header.is_empty() {
        return Err(Error::Empty {
            file: file.to_owned(),
        });
    }
    let names = header_names(trim_cr(header.strip_suffix(b"\n").unwrap_or(&header)));
    let want = layout(&names, columns).map_err(|column| Error::MissingColumn {
        file: file.to_owned(),
        column: column.to_owned(),
        header: names.clone(),
    })?;
    let shape = Shape {
        last_wanted: want.iter().rposition(|&slot| slot != 0).unwrap_or(0),
        want,
        width: names.len(),
    };
    let mut merged = Merged {
        file,
        line: 1,
        accepted: 0,
        skipped: Skipped::default(),
    };
    let mut merge = |parsed: Parsed<P::Event>| {
        merged.take(
            parsed.lines,
            parsed.accepted,
            parsed.skipped,
            parsed.examples,
        );
        parsed.events.into_iter().for_each(&mut apply);
    };
    let result = if threads < 2 {
        let mut local = P::Local::default();
        let mut chunker = Chunker::new();
        loop {
            match chunker.next(&mut reader) {
                Ok(Some(chunk)) => {
                    merge(parse_chunk(parser, &mut local, &shape, &chunk));
                    chunker.recycle(chunk);
                }
                Ok(None) => break Ok(()),
                Err(err) => break Err(err),
            }
        }
    } else {
        parallel(&mut reader, parser, &shape, threads, &mut merge)
    };
    skipped.merge(merged.skipped);
    result.map_err(|source| Error::Io {
        file: file.to_owned(),
        line: merged.line,
        source,
    })?;
    Ok(merged.accepted)
}

/// Chunks read on this thread, parsed on `threads` workers, merged here in file order.
fn parallel<R: BufRead, P: RowParser>(
    reader: &mut R,
    parser: &P,
    shape: &Shape,
    threads: usize,
    merge: &mut dyn FnMut(Parsed<P::Event>),
) -> io::Result<()> {
    use std::collections::BTreeMap;
    use std::sync::mpsc;
    use std::sync::Mutex;

    let (work, jobs) = mpsc::sync_channel::<(usize, Vec<u8>)>(threads * 2);
    let jobs = Mutex::new(jobs);
    let (finished, results) = mpsc::channel::<(usize, Parsed<P::Event>, Vec<u8>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let finished = finished.clone();
            let jobs = &jobs;
            scope.spawn(move || {
                let mut local = P::Local::default();
                loop {
                    let job = match jobs.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, chunk)) = job else {
                        return;
                    };
                    let parsed = parse_chunk(parser, &mut local, shape, &chunk);
                    if finished.send((seq, parsed, chunk)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(finished);
        let mut chunker = Chunker::new();
        let mut pending: BTreeMap<usize, Parsed<P::Event>> = BTreeMap::new();
        let mut sent = 0usize;
        let mut next = 0usize;
        let mut take = |seq: usize, parsed, chunk, chunker: &mut Chunker| {
            chunker.recycle(chunk);
            pending.insert(seq, parsed);
            while let Some(parsed) = pending.remove(&next) {
                merge(parsed);
                next += 1;
            }
        };
        let outcome = loop {
            while let Ok((seq, parsed, chunk)) = results.try_recv() {
                take(seq, parsed, chunk, &mut chunker);
            }
            match chunker.next(reader) {
                Ok(Some(chunk)) => {
                    if work.send((sent, chunk)).is_err() {
                        break Ok(());
                    }
                    sent += 1;
                }
                Ok(None) => break Ok(()),
                Err(err) => break Err(err),
            }
        };
        drop(work);
        for (seq, parsed, chunk) in results.iter() {
            take(seq, parsed, chunk, &mut chunker);
        }
        outcome
    })
}

/// Cuts the text into chunks of whole lines, reusing their buffers.
struct Chunker {
    /// The start of a line that the last chunk cut.
    carry: Vec<u8>,
    spare: Vec<Vec<u8>>,
    done: bool,
}

impl Chunker {
    fn new() -> Chunker {
        Chunker {
            carry: Vec::new(),
            spare: Vec::new(),
            done: false,
        }
    }

    fn recycle(&mut self, mut chunk: Vec<u8>) {
        if self.spare.len() < 16 {
            chunk.clear();
            self.spare.push(chunk);
        }
    }

    /// The next chunk, ending with `\n` (one is added after a last line without it).
    fn next<R: BufRead>(&mut self, reader: &mut R) -> io::Result<Option<Vec<u8>>> {
        if self.done {
            return Ok(None);
        }
        let mut chunk = self
            .spare
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(CHUNK + CHUNK / 4));
        chunk.append(&mut self.carry);
        loop {
            let room = (CHUNK.saturating_sub(chunk.len())).max(CHUNK / 4) as u64;
            let read = reader.by_ref().take(room).read_to_end(&mut chunk)?;
            if read == 0 {
                self.done = true;
                if chunk.is_empty() {
                    return Ok(None);
                }
                if chunk.last() != Some(&b'\n') {
                    chunk.push(b'\n');
                }
                return Ok(Some(chunk));
            }
            if chunk.len() < CHUNK {
                continue;
            }
            if let Some(last) = memchr::memrchr(b'\n', &chunk) {
                self.carry.extend_from_slice(&chunk[last + 1..]);
                chunk.truncate(last + 1);
                return Ok(Some(chunk));
            }
        }
    }
}

/// The counts of the chunks merged so far.
struct Merged<'f> {
    file: &'f str,
    /// The last line merged (the header is line 1).
    line: u64,
    accepted: u64,
    skipped: Skipped,
}

impl Merged<'_> {
    fn take(&mut self, lines: u64, accepted: u64, skipped: u64, examples: Vec<(u64, String)>) {
        for (line, problem) in examples {
            if self.skipped.examples.len() < EXAMPLES {
                self.skipped.examples.push(Malformed {
                    file: self.file.to_owned(),
                    line: self.line + line,
                    problem,
                });
            }
        }
        self.skipped.rows += skipped;
        self.accepted += accepted;
        self.line += lines;
    }
}

/// Parses whole lines: `chunk` ends with `\n`.
///
/// Fields up to the last one asked for are split eight bytes at a time; the rest of the line
/// is only searched for its end, its `$` counted on the way.
fn parse_chunk<P: RowParser>(
    parser: &P,
    local: &mut P::Local,
    shape: &Shape,
    chunk: &[u8],
) -> Parsed<P::Event> {
    let mut res = Parsed {
        lines: 0,
        accepted: 0,
        events: Vec::new(),
        skipped: 0,
        examples: Vec::new(),
    };
    let want = shape.want.as_slice();
    let width = shape.width;
    let mut at = 0;
    while at < chunk.len() {
        res.lines += 1;
        let mut fields: Fields = [b""; MAX_SLOTS];
        let mut count = 0usize;
        let mut start = at;
        let mut newline = None;
        while let Some(pos) = next_delimiter(chunk, start) {
            let is_newline = chunk[pos] == b'\n';
            let end = if is_newline {
                trim_end_cr(chunk, start, pos)
            } else {
                pos
            };
            if let Some(&slot) = want.get(count) {
                if slot != 0 {
                    fields[usize::from(slot) - 1] = &chunk[start..end];
                }
            }
            if is_newline {
                newline = Some(pos);
                break;
            }
            count += 1;
            start = pos + 1;
            if count > shape.last_wanted {
                break;
            }
        }
        let (newline, found) = match newline {
            Some(pos) => (pos, count + 1),
            None => {
                let (pos, rest) = rest_of_line(chunk, start);
                (pos, count + rest + 1)
            }
        };
        let line_start = at;
        let end = trim_end_cr(chunk, line_start, newline);
        at = newline + 1;
        if end == line_start {
            continue; // A blank line.
        }
        let last_empty = end == start || chunk[end - 1] == b'$';
        let benign_surplus = found == width + 1 && last_empty;
        let problem = if found != width && !benign_surplus {
            Some(format!(
                "expected {width} fields as in the header, found {found}"
            ))
        } else {
            match parser.parse(local, &fields) {
                Ok(event) => {
                    res.accepted += 1;
                    res.events.extend(event);
                    None
                }
                Err(Problem::NotAnId(column)) => Some(format!("`{column}` is not a whole number")),
            }
        };
        if let Some(problem) = problem {
            res.skipped += 1;
            if res.examples.len() < EXAMPLES {
                res.examples.push((res.lines, problem));
            }
        }
    }
    res
}

/// The slot of each header position, or the first required column that is missing.
fn layout(names: &[String], columns: &[Column]) -> Result<Vec<u8>, &'static str> {
    let mut want = vec![0u8; names.len()];
    for (slot, column) in columns.iter().enumerate() {
        let position = column
            .names
            .iter()
            .find_map(|name| names.iter().position(|have| have == name));
        match position {
            Some(position) => want[position] = slot as u8 + 1,
            None if column.required => return Err(column.names[0]),
            None => {}
        }
    }
    Ok(want)
}

/// A whole number of at most 19 digits, spaces around ignored.
pub(crate) fn parse_id(field: &[u8]) -> Option<u64> {
    let digits = field.trim_ascii();
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0u64, |acc, &byte| acc * 10 + u64::from(byte - b'0')),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], capacity: usize) -> Vec<Vec<u8>> {
        let mut reader = io::BufReader::with_capacity(capacity, input);
        let mut res = Vec::new();
        for_each_line(&mut reader, |line| res.push(line.to_vec())).unwrap();
        res
    }

    #[test]
    fn lines_end_in_lf_or_crlf_across_buffer_boundaries() {
        let input = b"a$b\r\nccc$d\n\ne$f\r\nlast";
        let want: Vec<Vec<u8>> = vec![
            b"a$b".to_vec(),
            b"ccc$d".to_vec(),
            b"".to_vec(),
            b"e$f".to_vec(),
            b"last".to_vec(),
        ];
        for capacity in [1, 2, 3, 5, 64] {
            assert_eq!(lines(input, capacity), want, "capacity {capacity}");
        }
        assert!(lines(b"", 8).is_empty());
        assert_eq!(lines(b"x\n", 8), vec![b"x".to_vec()]);
    }

    const COLUMNS: [Column; 3] = [
        required(&["primaryid"]),
        required(&["sex", "gndr_cod"]),
        optional(&["prod_ai"]),
    ];

    /// Gives each row's fields as text; `bad` as primaryid is not an id.
    struct Texts;

    impl RowParser for Texts {
        type Event = Vec<String>;
        type Local = ();

        fn parse(&self, _: &mut (), fields: &Fields) -> Result<Option<Vec<String>>, Problem> {
            if fields[0] == b"bad" {
                return Err(Problem::NotAnId("primaryid"));
            }
            Ok(Some(
                fields[..3]
                    .iter()
                    .map(|field| String::from_utf8_lossy(field).into_owned())
                    .collect(),
            ))
        }
    }

    fn read_with<R: BufRead>(reader: R) -> (Result<u64, Error>, Vec<Vec<String>>, Skipped) {
        let mut rows = Vec::new();
        let mut skipped = Skipped::default();
        let res = read_table(reader, "T.txt", &COLUMNS, &mut skipped, &Texts, |row| {
            rows.push(row);
        });
        (res, rows, skipped)
    }

    fn read(input: &[u8]) -> (Result<u64, Error>, Vec<Vec<String>>, Skipped) {
        read_with(input)
    }

    #[test]
    fn rows_read_the_same_through_any_buffer_size() {
        let input: &[u8] =
            b"primaryid$sex$prod_ai\r\n1$F$\"BOTOX\"\r\n2$M\n\n3$F$X$Y\r\n4$F$X$\n5$F$a long value\r\n6$M$";
        let summary = |capacity: usize| {
            let (res, rows, skipped) = read_with(io::BufReader::with_capacity(capacity, input));
            let lines: Vec<u64> = skipped.examples.iter().map(|m| m.line).collect();
            (res.unwrap(), rows, lines)
        };
        let want = summary(4096);
        assert_eq!(want.0, 4);
        assert_eq!(want.2, [3, 5]);
        assert_eq!(want.1[3], ["6", "M", ""]);
        for capacity in 1..40 {
            assert_eq!(summary(capacity), want, "capacity {capacity}");
        }
    }

    #[test]
    fn a_large_table_is_read_in_chunks_in_order() {
        let mut input = b"primaryid$sex$prod_ai\n".to_vec();
        let mut want = Vec::new();
        for id in 0..200_000u32 {
            if id % 9_999 == 5 {
                input.extend_from_slice(b"short$row\n");
            } else {
                input.extend_from_slice(format!("{id}$F$name {id}\r\n").as_bytes());
                want.push(vec![id.to_string(), "F".to_owned(), format!("name {id}")]);
            }
        }
        assert!(input.len() > 3 * CHUNK);
        for threads in [1, 2, 3] {
            let mut rows = Vec::new();
            let mut skipped = Skipped::default();
            let res = read_on(
                threads,
                &input[..],
                "T",
                &COLUMNS,
                &mut skipped,
                &Texts,
                |row| {
                    rows.push(row);
                },
            );
            assert_eq!(res.unwrap(), want.len() as u64);
            assert_eq!(rows, want);
            assert_eq!(skipped.rows, 21);
            let lines: Vec<u64> = skipped.examples.iter().map(|m| m.line).collect();
            assert_eq!(lines[..3], [7, 10_006, 20_005]);
        }
    }

    #[test]
    fn columns_are_found_by_trimmed_name_in_any_case() {
        let (res, rows, skipped) =
            read(b"\xEF\xBB\xBFX$ PRIMARYID$gndr_cod \r\n1$10$F\r\n2$20$M$\r\n\r\n");
        assert_eq!(res.unwrap(), 2);
        assert_eq!(rows, [["10", "F", ""], ["20", "M", ""]]);
        assert_eq!(skipped.rows, 0);
    }

    #[test]
    fn rows_of_the_wrong_shape_are_skipped_with_their_line() {
        let input =
            b"primaryid$sex$prod_ai\n1$F$\"BOTOX\"\n2$M\n3$F$X$Y\n4$F$X$\nbad$F$X\n5$F$\xff\n";
        let (res, rows, skipped) = read(input);
        assert_eq!(res.unwrap(), 3);
        assert_eq!(rows[0], ["1", "F", "\"BOTOX\""]);
        assert_eq!(rows[1], ["4", "F", "X"]);
        assert_eq!(rows[2], ["5", "F", "\u{fffd}"]);
        assert_eq!(skipped.rows, 3);
        let lines: Vec<u64> = skipped.examples.iter().map(|m| m.line).collect();
        assert_eq!(lines, [3, 4, 6]);
        assert_eq!(
            skipped.examples[0].problem,
            "expected 3 fields as in the header, found 2"
        );
        assert_eq!(
            skipped.examples[2].problem,
            "`primaryid` is not a whole number"
        );
        assert_eq!(skipped.examples[0].file, "T.txt");
    }

    #[test]
    fn a_header_without_a_needed_column_or_no_header_is_an_error() {
        let (res, _, _) = read(b"primaryid$age\n1$2\n");
        let err = res.unwrap_err().to_string();
        assert!(
            err.starts_with("T.txt, line 1: the header has no column `sex`"),
            "{err}"
        );
        assert!(err.contains("primaryid, age"), "{err}");
        let (res, _, _) = read(b"");
        assert_eq!(
            res.unwrap_err().to_string(),
            "T.txt, line 1: the table is empty, with no header line"
        );
        // A header with a trailing `$` and rows that have it too.
        let (res, rows, _) = read(b"primaryid$sex$\n1$F$\n");
        assert_eq!(res.unwrap(), 1);
        assert_eq!(rows, [["1", "F", ""]]);
    }

    #[test]
    fn delimiters_are_found_eight_bytes_at_a_time_as_one_by_one() {
        let text = b"ab$cdefghijkl\nm$$\xff\x24\x0a0123456789abcdef$x";
        for from in 0..=text.len() {
            let want = text[from..]
                .iter()
                .position(|&b| b == b'$' || b == b'\n')
                .map(|step| from + step);
            assert_eq!(next_delimiter(text, from), want, "from {from}");
        }
        // Bytes that differ from a delimiter by one bit, or a borrow away.
        let tricky = [0x23u8, 0x25, 0x0b, 0x09, 0xa4, 0x8a, 0x00, 0x01, 0x24];
        assert_eq!(next_delimiter(&tricky, 0), Some(8));
    }

    #[test]
    fn the_rest_of_a_line_is_counted_eight_bytes_at_a_time() {
        let text = b"a$$b$\xa4\x24c$d$e$f$g$h$i$j$k\r\n$x$\n\x0b\x8a$$";
        for from in 0..=text.len() {
            let end = text[from..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |step| from + step);
            let dollars = text[from..end].iter().filter(|&&b| b == b'$').count();
            assert_eq!(rest_of_line(text, from), (end, dollars), "from {from}");
        }
        for byte in 0..=255u8 {
            let word = u64::from_le_bytes([byte, 0, 1, 0x80, 0xff, byte, 0x7f, 0]);
            let want = [byte, 0, 1, 0x80, 0xff, byte, 0x7f, 0]
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == 0)
                .map(|(idx, _)| 0x80u64 << (8 * idx))
                .sum::<u64>();
            assert_eq!(zero_bytes_exact(word), want, "{byte}");
        }
    }

    #[test]
    fn ids_are_plain_whole_numbers() {
        assert_eq!(parse_id(b" 3078140 "), Some(3_078_140));
        assert_eq!(parse_id(b"0012"), Some(12));
        assert_eq!(parse_id(b""), None);
        assert_eq!(parse_id(b"12a"), None);
        assert_eq!(parse_id(b"-1"), None);
        assert_eq!(parse_id(b"99999999999999999999"), None);
    }

    #[test]
    fn skipped_rows_keep_a_few_examples() {
        let mut skipped = Skipped::default();
        for line in 0..25 {
            skipped.add("F", line, || "x".into());
        }
        let mut other = Skipped::default();
        other.add("G", 1, || "y".into());
        skipped.merge(other);
        assert_eq!(skipped.rows, 26);
        assert_eq!(skipped.examples.len(), EXAMPLES);
    }
}
