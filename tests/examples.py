"""A story that sets every field, used by several tests (and written to tests/data/json/valid/full.json)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsitem import Byline, Link, Paragraph, PubStatus, Rights, Role, Run, Source, Story, Subject


def full_story() -> Story:
    """Every field set, with offsets, a naive time, marks and hostile text."""
    return Story(
        headline='Council votes 5-4 to close <Main St.> & "Old" bridge',
        subheadline="Repairs would cost €12m, engineers say",
        summary="The bridge closes on Monday.\nA ferry runs until the new bridge opens.",
        bylines=(
            Byline(name="Ana María Ruiz", title="City Hall reporter", affiliation="The Riverside Courier"),
            Byline(name="Tom O'Neil"),
            Byline(name="Desk Editor", role=Role.SUBMITTER),
        ),
        source=Source(name="The Riverside Courier", url="https://courier.example/", code="RC"),
        provider=Source(name="Example Wire", code="EXW"),
        published=datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=45))),
        updated=datetime(2024, 5, 1, 11, 5, 12, 250000, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
        embargoed=datetime(2024, 5, 1, 6, 0),
        dateline="RIVERSIDE, Ore.",
        located="Riverside County",
        section="Local",
        genre="Current",
        keywords=("bridge", "council, city", "transport"),
        subjects=(
            Subject(code="medtop:20000002", name="arts, culture, entertainment and media"),
            Subject(code="http://cv.iptc.org/newscodes/mediatopic/11000000"),
            Subject(name="infrastructure"),
        ),
        slugline="BC-Bridge-Vote",
        priority="r",
        ednote="Corrects the vote count in paragraph 1.\nAdds a quote from the mayor.",
        urgency=4,
        status=PubStatus.WITHHELD,
        language="en-US",
        url="https://courier.example/2024/05/01/bridge?ref=a&b=<c>",
        links=(
            Link(
                uri="https://courier.example/photos/bridge.jpg",
                rel="picture",
                media_type="image/jpeg",
                title="The bridge",
            ),
            Link(uri="urn:newsml:courier.example:20240430:bridge-report", rel="irel:seeAlso"),
        ),
        rights=Rights(
            notice="© 2024 The Riverside Courier",
            holder="The Riverside Courier",
            license="https://creativecommons.org/licenses/by-nd/4.0/",
            terms="No archiving.\nNo resale.",
        ),
        guid="urn:newsml:courier.example:20240501:bridge-vote",
        version=3,
        body=(
            Paragraph.plain("The city council voted 5-4 on Tuesday to close the bridge."),
            Paragraph(
                runs=(
                    "“It is ",
                    Run(text="not", emphasis=True),
                    " safe,” said ",
                    Run(text="the engineer's report", link="https://courier.example/report.pdf"),
                    ". ",
                    Run(text="Closed Monday.", strong=True, emphasis=True),
                )
            ),
            Paragraph.plain("Roses are red,\nbridges are grey;\nthe ferry will run\nuntil next May."),
            Paragraph.plain("مرحبا — שלום — 𝕳ello — e\u0301 — <script>alert(1)</script>"),
        ),
        extras={"anpa.selector": "aaa", "anpa.take": "2", "email.X-Mailer": "Mutt 2.2\nwith a wrapped line"},
    )
