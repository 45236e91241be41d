"""Benchmark the bulk import of a mixed box: born-digital speed, OCR overhead, peak memory.

    .venv/bin/python bench/bulk_import.py [--quick] [--files N] [--scanned-pages N]
                                          [--workers N] [--repeats N]

Run 1 imports the born-digital part of the box (text PDFs, DOCX, plain text) into
a fresh archive; run 2 imports the scanned part (scanned PDFs, PNG and JPEG pages)
with OCR inline, next to Tesseract run directly on the same page images with a
process pool of the same size.  Every import runs in a child process of its own so
its memory can be measured.  See bench/README.md.  Misses are reported, not
raised: the exit status is non-zero only when the benchmark itself breaks.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

# Run as a script, so the checkout (``bench``, ``tests``, Hoso) must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus_files, provenance
from bench.corpus_gen import GENERATOR_VERSION, pdf_pages
from bench.stats import median

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
SEED = 42
# Bump when the box layout or the scanned items change, so cached boxes are rebuilt.
BOX_VERSION = 1
TESSERACT = shutil.which("tesseract") or "/usr/bin/tesseract"
# Pages of each scanned PDF: a decision and its annexed list, as offices scan them.
SCANNED_PDF_PAGES = 2
# Offsets into the generator's document numbers, so no two kinds share a text.
DOCX_OFFSET = 2_000_000
SCAN_PDF_OFFSET = 3_000_000
SCAN_IMAGE_OFFSET = 4_000_000
# Born-digital mix, in percent; plain text takes the rest.
PDF_SHARE = 45
DOCX_SHARE = 35

TARGET_FILES_PER_SECOND = 20.0
TARGET_OCR_RATIO = 1.25
TARGET_PEAK_MB = 500.0
SAMPLE_SECONDS = 0.25


# -- the box -------------------------------------------------------------------


@dataclass(frozen=True)
class BoxLayout:
    """A built box: its two parts, what each holds, and the page images to OCR."""

    born: Path
    scanned: Path
    kinds: dict[str, int]
    scanned_pages: int
    page_images: list[Path]


def scanned_plan(pages: int) -> tuple[int, list[str]]:
    """How many scanned PDFs, and the image suffixes, make up ``pages`` scanned pages.

    A third of the pages go into two-page scanned PDFs (at least one when there is
    room), the rest are single page images, PNG and JPEG in turn, as phone and
    flatbed scans arrive.
    """
    pdfs = max(1, pages // (3 * SCANNED_PDF_PAGES)) if pages >= SCANNED_PDF_PAGES else 0
    images = pages - pdfs * SCANNED_PDF_PAGES
    return pdfs, [".png" if i % 2 == 0 else ".jpg" for i in range(images)]


def ensure_box(files: int, pages: int, seed: int, workers: int) -> BoxLayout:
    """The box of ``files`` files holding ``pages`` scanned pages, built once and cached."""
    scan_pdfs, image_suffixes = scanned_plan(pages)
    born_count = files - scan_pdfs - len(image_suffixes)
    if born_count < 0:
        raise SystemExit(f"--files {files} is too few for {pages} scanned pages")
    pdf_count = born_count * PDF_SHARE // 100
    docx_count = born_count * DOCX_SHARE // 100
    plain_count = born_count - pdf_count - docx_count
    sources = {
        "text_pdf": corpus_files.ensure_pdfs(pdf_count, seed, workers),
        "docx": ensure_docx(docx_count, seed, workers),
        "plain_text": corpus_files.ensure_plain(plain_count, seed, workers),
    }
    scan_pdf_paths, page_images = ensure_scanned_pdfs(scan_pdfs, seed, workers)
    image_paths = ensure_scan_images(image_suffixes, seed, workers)
    name = f"bulk-box-v{GENERATOR_VERSION}.{BOX_VERSION}-seed{seed}-{files}f-{pages}p"
    root = corpus_files.CACHE_DIR / name
    born, scanned = root / "born", root / "scanned"
    if not (root / "complete").exists():
        print(f"  assembling the box in {root}")
        shutil.rmtree(root, ignore_errors=True)
        _link_all([p for paths in sources.values() for p in paths], born)
        _link_all([*scan_pdf_paths, *image_paths], scanned)
        (root / "complete").write_text("", encoding="ascii")
    kinds = {kind: len(paths) for kind, paths in sources.items()}
    kinds["scanned_pdf"] = len(scan_pdf_paths)
    kinds["png_page"] = image_suffixes.count(".png")
    kinds["jpeg_page"] = image_suffixes.count(".jpg")
    return BoxLayout(born, scanned, kinds, pages, [*page_images, *image_paths])


def _link_all(paths: Sequence[Path], folder: Path) -> None:
    # Hard links: the box costs no disk and no copying, and Hoso's box reader
    # refuses symbolic links as unsafe.
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        target = folder / path.name
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)


def ensure_docx(count: int, seed: int, workers: int) -> list[Path]:
    """Paths of ``count`` two-page DOCX files, writing those not cached yet."""
    return corpus_files._ensure("docx", count, seed, workers, ".docx", _render_docx)


def _render_docx(job: tuple[int, int, str]) -> None:
    from tests.documents import write_docx

    seed, index, target = job
    tmp = Path(f"{target}.tmp-{os.getpid()}.docx")
    write_docx("\f".join(pdf_pages(seed, DOCX_OFFSET + index)), tmp)
    os.replace(tmp, target)


def ensure_scanned_pdfs(count: int, seed: int, workers: int) -> tuple[list[Path], list[Path]]:
    """Scanned PDFs without a text layer, and the page PNGs each was made of."""
    folder = corpus_files.corpus_dir("scan", seed)
    folder.mkdir(parents=True, exist_ok=True)
    pdfs = [folder / f"scan-{i:06d}.pdf" for i in range(count)]
    missing = [(seed, i, str(p)) for i, p in enumerate(pdfs) if not p.exists()]
    if missing:
        print(f"  scanning {len(missing)} PDFs into {folder}")
        corpus_files._run_parallel(_render_scanned_pdf, missing, workers)
    pages = [_page_png(pdf, n) for pdf in pdfs for n in range(SCANNED_PDF_PAGES)]
    return pdfs, pages


def ensure_scan_images(suffixes: Sequence[str], seed: int, workers: int) -> list[Path]:
    """Single scanned pages as PNG or JPEG, writing those not cached yet."""
    folder = corpus_files.corpus_dir("scan", seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"page-{i:06d}{suffix}" for i, suffix in enumerate(suffixes)]
    missing = [(seed, i, str(p)) for i, p in enumerate(paths) if not p.exists()]
    if missing:
        print(f"  scanning {len(missing)} page images into {folder}")
        corpus_files._run_parallel(_render_scan_image, missing, workers)
    return paths


def _page_png(pdf: Path, page: int) -> Path:
    return pdf.with_name(f"{pdf.stem}-p{page + 1}.png")


def _scanned(text: str, seed: int, index: int) -> list[Any]:
    """Pages of ``text`` as a 300 dpi scanner sees them: tilted, speckled, soft."""
    from tests.documents import write_pdf
    from tests.scans import damage, render_pages

    rng = random.Random(f"hoso-bench-bulk-scan:{seed}:{index}")
    with tempfile.TemporaryDirectory(prefix="hoso-bench-scan-") as tmp:
        source = write_pdf(text, Path(tmp) / "source.pdf")
        pages = render_pages(source)
    return [damage(p, angle=rng.uniform(-1.5, 1.5), seed=rng.randrange(1 << 30)) for p in pages]


def _render_scanned_pdf(job: tuple[int, int, str]) -> None:
    from tests.scans import DPI, save_scanned_pdf

    seed, index, target = job
    images = _scanned("\f".join(pdf_pages(seed, SCAN_PDF_OFFSET + index)), seed, index)
    # The page PNGs first: the PDF appearing last marks the set complete.
    for number, image in enumerate(images):
        png = _page_png(Path(target), number)
        tmp = png.with_name(f"{png.name}.tmp-{os.getpid()}.png")
        image.save(tmp, dpi=(DPI, DPI))
        os.replace(tmp, png)
    tmp = Path(f"{target}.tmp-{os.getpid()}.pdf")
    save_scanned_pdf(images, tmp)
    os.replace(tmp, target)


def _render_scan_image(job: tuple[int, int, str]) -> None:
    from tests.scans import DPI, save_jpeg

    seed, index, target = job
    image = _scanned(pdf_pages(seed, SCAN_IMAGE_OFFSET + index)[0], seed, 1_000_000 + index)[0]
    suffix = Path(target).suffix
    tmp = Path(f"{target}.tmp-{os.getpid()}{suffix}")
    if suffix == ".jpg":
        save_jpeg(image, tmp)
    else:
        image.save(tmp, dpi=(DPI, DPI))
    os.replace(tmp, target)


# -- memory --------------------------------------------------------------------


def own_peak_mb() -> float:
    """This process's peak resident size (VmHWM), in MB.

    VmHWM counts this program alone; ru_maxrss survives exec and would report the
    benchmark parent's size at fork time whenever that is larger.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class TreeSampler:
    """Samples the summed memory of this process and all its descendants.

    ru_maxrss gives the largest single process; an import with N worker processes
    and N Tesseracts needs their sum, which only sampling /proc shows.  PSS shares
    the pages of common libraries out fairly; RSS counts them in every process.
    """

    interval: float = SAMPLE_SECONDS
    peak_pss_mb: float = 0.0
    peak_rss_mb: float = 0.0
    peak_hoso_pss_mb: float = 0.0  # without the Tesseract processes
    peak_processes: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._sample()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        pss = rss = hoso = 0.0
        pids = _descendants(os.getpid())
        for pid in pids:
            usage = _memory_kb(pid)
            if usage is None:
                continue
            pss += usage[0] / 1024
            rss += usage[1] / 1024
            if not usage[2].startswith("tesseract"):
                hoso += usage[0] / 1024
        self.peak_pss_mb = max(self.peak_pss_mb, pss)
        self.peak_rss_mb = max(self.peak_rss_mb, rss)
        self.peak_hoso_pss_mb = max(self.peak_hoso_pss_mb, hoso)
        self.peak_processes = max(self.peak_processes, len(pids))


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                # The name in parentheses may hold spaces; the ppid follows its ")".
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory_kb(pid: int) -> tuple[int, int, str] | None:
    """(PSS kB, RSS kB, command name) of a live process, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
            name = comm.read().strip()
        pss = rss = 0
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
        return pss, rss, name
    except (OSError, ValueError):
        return None


# -- the import child ----------------------------------------------------------


def child_main(part: str, box: Path, workers: int) -> int:
    """Import ``box`` into a fresh archive here; print one JSON line of figures."""
    from archive.facade import Archive
    from archive.settings import Settings
    from archive.text import OCR
    from ingest.bulk import Importer
    from ingest.plan import Outcome

    sampler = TreeSampler()
    sampler.start()
    marks: list[float] = []

    def progress(outcome: Outcome) -> None:
        # The Importer reports each file when it is committed, before any OCR runs,
        # so the last report marks where the OCR phase starts.
        marks.append(time.perf_counter())
        if len(marks) % 250 == 0:
            print(f"    {part}: {len(marks):,} files committed", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix=f"hoso-bench-bulk-{part}-") as data_dir:
        # Settings.workers as well: the inline OCR sizes its threads from the settings.
        archive = Archive.open(Settings(data_dir=Path(data_dir), workers=workers))
        idle_mb = own_peak_mb()
        start = time.perf_counter()
        run = Importer(
            archive, box, workers=workers, background=False, user="bench", progress=progress
        ).run()
        seconds = time.perf_counter() - start
        pages = ocr_pages = ocr_chars = 0
        for outcome in run.outcomes:
            if outcome.record_id is None:
                continue
            record = archive.get(outcome.record_id)
            pages += record.pages
            document = archive.text_document(record)
            for text, source in zip(document["pages"], document["sources"], strict=True):
                if source == OCR:
                    ocr_pages += 1
                    ocr_chars += len(text)
        archive.close()
    sampler.stop()
    report = {
        "part": part,
        "files": len(run.outcomes),
        "statuses": dict(run.counts),
        "problems": run.problems,
        "pages": pages,
        "ocr_pages": ocr_pages,
        "ocr_chars": ocr_chars,
        "seconds": round(seconds, 3),
        "ocr_phase_seconds": round(start + seconds - (marks[-1] if marks else start), 3),
        "idle_mb": round(idle_mb, 1),
        "self_peak_mb": round(own_peak_mb(), 1),
        # The largest single descendant: worker processes and Tesseract runs.
        "children_maxrss_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
        "tree_peak_pss_mb": round(sampler.peak_pss_mb, 1),
        "tree_peak_rss_mb": round(sampler.peak_rss_mb, 1),
        "tree_peak_hoso_pss_mb": round(sampler.peak_hoso_pss_mb, 1),
        "tree_peak_processes": sampler.peak_processes,
    }
    print(json.dumps(report), flush=True)
    return 0


def ocr_env() -> dict[str, str]:
    """The environment of every OCR run: one thread per Tesseract, so N processes use N cores."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def run_child(part: str, box: Path, workers: int) -> dict[str, Any]:
    """Import ``box`` in a fresh child process; return its figures."""
    command = [sys.executable, "-m", "bench.bulk_import", "--child", part, str(box)]
    command += ["--workers", str(workers)]
    done = subprocess.run(command, cwd=ROOT, env=ocr_env(), stdout=subprocess.PIPE, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"the {part} import child failed (exit {done.returncode})")
    return json.loads(lines[-1])


# -- the OCR baseline ----------------------------------------------------------


def _tesseract(image: str) -> int:
    done = subprocess.run(
        [TESSERACT, image, "-", "-l", "vie+eng", "--psm", "1"],
        env=ocr_env(),
        capture_output=True,
        check=True,
    )
    return len(done.stdout.decode("utf-8", errors="replace").strip())


def ocr_baseline(images: Sequence[Path], workers: int) -> dict[str, Any]:
    """Tesseract alone on every page image, ``workers`` processes at once."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chars = sum(pool.map(_tesseract, [str(p) for p in images]))
    seconds = time.perf_counter() - start
    return {"pages": len(images), "seconds": round(seconds, 3), "chars": chars}


# -- the run -------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--files", type=int, help="files in the box, scanned ones included (2,000)")
    parser.add_argument("--scanned-pages", type=int, help="scanned pages in the box (24)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quick", action="store_true", help="200 files, 4 scanned pages")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each measurement (1)")
    parser.add_argument("--child", nargs=2, metavar=("PART", "BOX"), help=argparse.SUPPRESS)
    provenance.add_argument(parser)
    args = parser.parse_args(argv)
    # Explicit sizes win over --quick.
    args.files = args.files or (200 if args.quick else 2000)
    if args.scanned_pages is None:
        args.scanned_pages = 4 if args.quick else 24
    return args


def warm_page_cache(folder: Path) -> None:
    """Read every file once, so that no timed pass pays for the disk."""
    for path in sorted(folder.iterdir()):
        path.read_bytes()


def measure(box: BoxLayout, workers: int, repeats: int) -> dict[str, Any]:
    """Both runs, ``repeats`` times; the OCR run alternates with its baseline."""
    born_runs: list[dict[str, Any]] = []
    ocr_runs: list[dict[str, Any]] = []
    baselines: list[dict[str, Any]] = []
    for number in range(1, repeats + 1):
        print(f"  run 1 ({number}/{repeats}): born-digital import, {workers} workers")
        born_runs.append(run_child("born", box.born, workers))
        if not box.page_images:
            continue
        print(f"  OCR baseline ({number}/{repeats}): tesseract on {len(box.page_images)} pages")
        baselines.append(ocr_baseline(box.page_images, workers))
        print(f"  run 2 ({number}/{repeats}): scanned import with inline OCR")
        ocr_runs.append(run_child("scanned", box.scanned, workers))
    return {"born": born_runs, "ocr": ocr_runs, "baseline": baselines}


def summarise(runs: dict[str, Any], box: BoxLayout) -> dict[str, Any]:
    """Medians, ratios and verdicts."""
    born_files = sum(v for k, v in box.kinds.items() if k in ("text_pdf", "docx", "plain_text"))
    born_seconds = median([r["seconds"] for r in runs["born"]])
    files_per_second = born_files / born_seconds if born_seconds else 0.0
    ocr_seconds = median([r["seconds"] for r in runs["ocr"]])
    phase_seconds = median([r["ocr_phase_seconds"] for r in runs["ocr"]])
    base_seconds = median([r["seconds"] for r in runs["baseline"]])
    every = runs["born"] + runs["ocr"]
    peak_tree = max(r["tree_peak_pss_mb"] for r in every)
    peak_single = max(max(r["self_peak_mb"], r["children_maxrss_mb"]) for r in every)
    ratio = ocr_seconds / base_seconds if base_seconds else float("nan")
    return {
        "born_files": born_files,
        "born_seconds": born_seconds,
        "born_files_per_second": round(files_per_second, 2),
        "ocr_import_seconds": ocr_seconds,
        "ocr_phase_seconds": phase_seconds,
        "baseline_seconds": base_seconds,
        "ocr_ratio": round(ratio, 3),
        "ocr_phase_ratio": round(phase_seconds / base_seconds, 3) if base_seconds else None,
        "peak_tree_pss_mb": peak_tree,
        "peak_single_process_mb": peak_single,
        "verdicts": {
            "born_digital_rate": files_per_second >= TARGET_FILES_PER_SECOND,
            "ocr_ratio": ratio <= TARGET_OCR_RATIO if box.page_images else None,
            "peak_memory": peak_tree < TARGET_PEAK_MB,
        },
    }


def verdict(ok: bool | None) -> str:
    """PASS, FAIL, or n/a for a target not measured."""
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def print_report(runs: dict[str, Any], summary: dict[str, Any], workers: int) -> None:
    """The per-run table, then one line per target."""
    print(f"\n{'run':<10}{'files':>7}{'pages':>7}{'OCR pg':>8}{'seconds':>9}{'OCR s':>8}"
          f"{'self MB':>9}{'child MB':>10}{'tree PSS':>10}{'tree RSS':>10}{'no-tess':>9}")  # fmt: skip
    for r in runs["born"] + runs["ocr"]:
        print(
            f"{r['part']:<10}{r['files']:>7}{r['pages']:>7}{r['ocr_pages']:>8}"
            f"{r['seconds']:>9.2f}{r['ocr_phase_seconds']:>8.2f}{r['self_peak_mb']:>9.0f}"
            f"{r['children_maxrss_mb']:>10.0f}{r['tree_peak_pss_mb']:>10.0f}"
            f"{r['tree_peak_rss_mb']:>10.0f}{r['tree_peak_hoso_pss_mb']:>9.0f}"
        )
    for r in runs["baseline"]:
        print(f"{'tesseract':<10}{'':>7}{r['pages']:>7}{r['pages']:>8}{r['seconds']:>9.2f}")
    s, v = summary, summary["verdicts"]
    print(f"\nTargets ({workers} workers, medians of {len(runs['born'])} run(s)):")
    print(
        f"  born-digital import   {s['born_files_per_second']:8.1f} files/s   "
        f"target >= {TARGET_FILES_PER_SECOND:.0f}      {verdict(v['born_digital_rate'])}"
    )
    print(
        f"  OCR import / direct   {s['ocr_ratio']:8.2f}×         target <= {TARGET_OCR_RATIO}"
        f"    {verdict(v['ocr_ratio'])}   (OCR phase alone: {s['ocr_phase_ratio']}×)"
    )
    print(
        f"  peak memory (tree)    {s['peak_tree_pss_mb']:8.0f} MB PSS    target < "
        f"{TARGET_PEAK_MB:.0f}     {verdict(v['peak_memory'])}   (largest single process: "
        f"{s['peak_single_process_mb']:.0f} MB)"
    )


def main(argv: list[str] | None = None) -> int:
    """Build the box, run both imports and the baseline, report and write the JSON."""
    args = parse_args(argv)
    if args.child:
        return child_main(args.child[0], Path(args.child[1]), args.workers)
    code = provenance.checked(args.allow_dirty)
    started = datetime.now()
    print(f"Bulk import benchmark: {args.files:,} files, {args.scanned_pages} scanned pages")
    print(f"  {provenance.header(code)}")
    box = ensure_box(args.files, args.scanned_pages, SEED, args.workers)
    print(f"  box: {box.kinds}")
    warm_page_cache(box.born)
    warm_page_cache(box.scanned)
    runs = measure(box, args.workers, max(1, args.repeats))
    summary = summarise(runs, box)
    print_report(runs, summary, args.workers)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"bulk-{started:%Y%m%d-%H%M%S}.json"
    payload = {
        "started": started.isoformat(timespec="seconds"),
        "code": code,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "args": {k: v for k, v in vars(args).items() if k != "child"},
        "box": asdict(box) | {"born": str(box.born), "scanned": str(box.scanned)},
        "runs": runs,
        "summary": summary,
    }
    payload["box"]["page_images"] = [str(p) for p in box.page_images]
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
