"""Corpus files that have no expected values yet, in one place.

``../shared/corpus`` grew (more agencies, the IPTC examples): the tests that demand
an expected value for every NewsML-G2 and ninjs corpus file accept the files listed
here as pending. The issue "Agency feeds as agencies send them" writes their
expectations and empties these lists; a file may not be both pending and expected.
"""

from __future__ import annotations

NEWSML_G2: frozenset[str] = frozenset()
"""NewsML-G2 corpus files (stems of ``../shared/corpus/newsml-g2/*.xml``) still pending."""

NINJS: frozenset[str] = frozenset(
    {
        "iptc-1.4-businesswire-20130612006110.json",
        "iptc-1.4-businesswire-20130731006140.json",
        "iptc-1.4-ninjs-1-4-examples.json",
        "iptc-1.4-ninjsExComplex2.json",
        "iptc-1.4-ninjsExSimplePhoto1.json",
        "iptc-2.1-ap_video.json",
        "iptc-2.1-businesswire-20130731006140.json",
        "iptc-2.1-dpa_text.json",
        "iptc-3.0-businesswire-20130731006140.json",
        "iptc-3.0-dpa_text.json",
        "iptc-doc-2.2-005_complex_text_article.json",
        "iptc-doc-3.1-005_complex_text_article.json",
        "ntb-ntbttninjs.json",
    }
)
"""ninjs corpus files (names in ``../shared/corpus/ninjs``) still pending."""

OTHER: dict[str, frozenset[str]] = {
    "nitf": frozenset(
        {
            "ap-nitf.xml",
            "belga-ansa_belga.xml",
            "cp-ap-table-nitf.xml",
            "nitf-fishing.xml",
            "ntb-nitf_test.xml",
        }
    ),
    "newsml-1.2": frozenset({"belga-afp_belga.xml", "belga-efe_belga.xml"}),
}
"""Files of the other corpus folders checked field by field (file names), still pending."""
