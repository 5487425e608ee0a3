"""Qt's print system: the raster path, for drivers that do not take PDF (Windows GDI printers),
and Qt's print-to-file printer (``file:PATH``) for IT's checks.

Each page is rendered at the printer's own resolution and drawn at its own size (1:1): the
page layout is set with zero margins *before* full-page mode, so Qt cannot put its default
margins back and squeeze the page into what is left. Safe to call from a worker thread:
painting on a QPrinter is allowed outside the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app.printing import print_errors as why
from counter_app.printing.print_errors import PrinterError

FILE_PRINTER = "file:"
MAX_IMAGE_DPI = 600  # a page image beyond this is hundreds of MB for no visible gain
FILE_DPI = 300
MM_PER_POINT = 25.4 / 72


def printer_names() -> list[str]:
    return [str(n) for n in QPrinterInfo.availablePrinterNames()]


def default_printer_name() -> str:
    info = QPrinterInfo.defaultPrinter()
    return "" if info.isNull() else str(info.printerName())


def open_pdf(pdf: bytes) -> QPdfDocument:
    """The notice's PDF as Qt reads it (page sizes, rendering)."""
    doc = QPdfDocument()
    buffer = QBuffer(doc)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise PrinterError(why.UNREADABLE, str(doc.error()))
    return doc


def page_size_points(pdf: bytes) -> tuple[float, float]:
    """The first page's width and height in points."""
    size = open_pdf(pdf).pagePointSize(0)
    return float(size.width()), float(size.height())


def _layout(size: QSizeF) -> QPageLayout:
    """The page at its exact size: in millimetres, since Qt keeps a size in points as whole points."""
    exact = QSizeF(size.width() * MM_PER_POINT, size.height() * MM_PER_POINT)
    return QPageLayout(
        QPageSize(exact, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )


def raster_print(pdf: bytes, printer_name: str = "", job_name: str = "notice") -> str:
    """Every page of *pdf* as an image at 1:1, on *printer_name* (empty: the system default).

    Returns the printer used. The job is handed to the system's spooler; whether it came out is
    not known here.
    """
    name = printer_name or default_printer_name()
    if not name:
        raise PrinterError(why.NO_PRINTER)
    to_file = name.startswith(FILE_PRINTER)
    if not to_file and name not in printer_names():
        raise PrinterError(why.NOT_INSTALLED, printer=name)
    doc = open_pdf(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if to_file:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(name[len(FILE_PRINTER) :])
        printer.setResolution(FILE_DPI)
    else:
        printer.setPrinterName(name)
    if not printer.isValid():
        raise PrinterError(why.REFUSED, "the printer cannot be used", printer=name)
    printer.setDocName(job_name)
    printer.setPageLayout(_layout(doc.pagePointSize(0)))
    printer.setFullPage(True)  # after the layout: the page is the paper, margins included
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError(why.REFUSED, "the printer refused the job", printer=name)
    try:
        for index in range(doc.pageCount()):
            size = doc.pagePointSize(index)
            if index:
                printer.setPageLayout(_layout(size))
                printer.newPage()
            device = printer.resolution() / 72  # device pixels per point
            image = min(printer.resolution(), MAX_IMAGE_DPI) / 72
            pixels = QSize(round(size.width() * image), round(size.height() * image))
            target = QRectF(0, 0, size.width() * device, size.height() * device)
            painter.drawImage(target, doc.render(index, pixels))
    finally:
        painter.end()
    return name
