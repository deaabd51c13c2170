"""Rebuild examples/archive/: invented stories in every layout newsitem reads.

Run: ``python examples/make_archive.py``. The stories are our own inventions;
the formats newsitem writes are written by newsitem, the read-only layouts
(web-story, agency copy) and the broken file are written here by hand.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import newsitem
from newsitem import Byline, Paragraph, Rights, Run, Source, Story

HERE = Path(__file__).parent / "archive"
CET = timezone(timedelta(hours=1))


def story(number: int, headline: str, place: str, *paragraphs: str, when: datetime) -> Story:
    return Story(
        headline=headline,
        bylines=[Byline(name=["Mara Lindqvist", "Tomás Ortega", "Ana Ruiz", "Lee Chan"][number % 4])],
        source=Source(name="Harbour Weekly"),
        published=when,
        dateline=place,
        section="Local",
        slugline=f"harbour-{number}",
        priority="3",
        language="en",
        body=[
            Paragraph.plain(paragraphs[0]),
            Paragraph(runs=[Run(text=paragraphs[1], emphasis=number % 2 == 0)]),
        ],
        rights=Rights(notice="© 2024 Harbour Weekly"),
        guid=f"urn:newsml:harbour-weekly.example:2024:story-{number}",
    )


def main() -> None:
    HERE.mkdir(exist_ok=True)
    stories = [
        story(
            1,
            "Harbour ferry returns after a two-year refit",
            "PORTLAND",
            "The Bay Star resumed its crossing on Monday after a two-year refit.",
            "New engines cut fuel use by a third, the operator says.",
            when=datetime(2024, 3, 4, 7, 15, tzinfo=CET),
        ),
        story(
            2,
            "Lighthouse keeper's cottage opens as a museum",
            "CAPE LISLE",
            "The cottage beside the old lighthouse opened to visitors on Saturday.",
            "Volunteers restored it over four winters.",
            when=datetime(2024, 3, 9, 10, 0, tzinfo=CET),
        ),
        story(
            3,
            "Fish market moves to the north quay",
            "PORTLAND",
            "The Saturday fish market will trade from the north quay from April.",
            "Stallholders voted 31 to 4 for the move.",
            when=datetime(2024, 3, 12, 16, 40, tzinfo=UTC),
        ),
        story(
            4,
            "Storm closes coastal path for a week",
            "SEAHAM",
            "A storm on Tuesday night washed away a stretch of the coastal path.",
            "Repairs start on Friday, the council said.",
            when=datetime(2024, 3, 13, 8, 5, tzinfo=CET),
        ),
        story(
            5,
            "School rowing crew wins the estuary race",
            "SEAHAM",
            "A crew of sixth-formers won the estuary race by two lengths on Sunday.",
            "It is the school's first win in eleven years.",
            when=datetime(2024, 3, 17, 18, 20, tzinfo=CET),
        ),
        story(
            6,
            "Night buses to run all summer",
            "PORTLAND",
            "Night buses between the harbour and the station will run every weekend until September.",
            "The trial last year carried 9,000 passengers.",
            when=datetime(2024, 3, 20, 12, 0, tzinfo=CET),
        ),
        story(
            7,
            "New footbridge links the two marinas",
            "CAPE LISLE",
            "A footbridge linking the east and west marinas opened on Thursday.",
            "It replaces a ferry that ran every twenty minutes.",
            when=datetime(2024, 3, 21, 9, 30, tzinfo=CET),
        ),
    ]
    (HERE / "ferry.json").write_text(str(newsitem.dumps(stories[0], indent=2)) + "\n", encoding="utf-8")
    (HERE / "museum.newsml.xml").write_bytes(newsitem.dumps(stories[1], format="newsml-g2"))  # type: ignore[arg-type]
    (HERE / "fish-market.ninjs.json").write_text(
        str(newsitem.dumps(stories[2], format="ninjs", lossy=True, indent=2)) + "\n", encoding="utf-8"
    )
    (HERE / "storm.html").write_text(str(newsitem.dumps(stories[3], format="html")), encoding="utf-8")
    (HERE / "rowing.tst").write_bytes(newsitem.dumps(stories[4], format="anpa", lossy=True))  # type: ignore[arg-type]
    (HERE / "night-buses.iptc").write_bytes(newsitem.dumps(stories[5], format="iptc7901", lossy=True))  # type: ignore[arg-type]
    (HERE / "footbridge.eml").write_bytes(newsitem.dumps(stories[6], format="email", lossy=True))  # type: ignore[arg-type]
    (HERE / "regatta.txt").write_text(
        "Regatta weekend draws record crowds\n"
        "by Lee Chan via harbour_desk Sunday, Mar 24 2024, 6:45pm\n"
        "local /\nsport /\nnews\n"
        "More than 12,000 people lined the harbour wall for the regatta on Saturday and Sunday.\n"
        "The organisers plan a third day next year.\n"
        "Creative Commons Attribution.\n"
        "<< back to stories\n|\n",
        encoding="utf-8",
    )
    (HERE / "ferry-fares.txt").write_text(
        "UPDATE 1-Ferry fares to rise in May\n\n"
        "By Tomás Ortega\nHarbour Weekly\n\n"
        "PORTLAND, March 25 (Harbour Weekly) - Ferry fares will rise by 20 pence in May,\n"
        "the operator said on Monday.\n\n"
        "Season tickets are not affected.\n\n"
        "(Reporting by Tomás Ortega; Editing by Ana Ruiz)\n",
        encoding="utf-8",
    )
    mbox = b"".join(
        b"From desk@harbour.example Mon Mar 25 09:00:00 2024\n"
        + newsitem.dumps(s, format="email", lossy=True).replace(b"\r\n", b"\n")
        + b"\n"  # type: ignore[union-attr]
        for s in stories[5:7]
    )
    (HERE / "mailbox.mbox").write_bytes(mbox)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, s in (("wire/a.json", stories[0]), ("wire/b.json", stories[2])):
            data = str(newsitem.dumps(s)).encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1711360800
            archive.addfile(info, io.BytesIO(data))
    (HERE / "wire-bundle.tar.gz").write_bytes(buffer.getvalue())
    with zipfile.ZipFile(HERE / "photo-desk.zip", "w") as archive:
        info = zipfile.ZipInfo("desk/marina.html", date_time=(2024, 3, 25, 10, 0, 0))
        archive.writestr(info, str(newsitem.dumps(stories[6], format="html")))
    (HERE / "broken.txt").write_text(
        "This file was cut off in transfer and carries no story we can read:\n"
        "no headline line, no byline, no dateline.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
