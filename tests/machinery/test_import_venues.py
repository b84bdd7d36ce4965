"""The badge `make import-bib` gives a venue is the one a researcher would write.

Pure unit tests of scripts/bib_import/venues.py and its table, scripts/bib_import/venues.yml: each case is a
booktitle or journal as an exporter (DBLP, ACM, ACL Anthology, IEEE, Google Scholar, USENIX, PMLR, OpenReview,
Springer) writes it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.bib_import.venues import VENUES_FILE, Venue, VenueTableError, known_venue, load_venues, venue_badge

BADGES = [
    # The four badges of issue 16, item 4, that were wrong.
    ("LREC-COLING 2024", "LREC-COLING"),
    (
        "Proceedings of the 2024 Joint International Conference on Computational Linguistics, Language Resources and Evaluation (LREC-COLING 2024)",
        "LREC-COLING",
    ),
    (
        "Proceedings of the 18th Conference of the European Chapter of the Association for Computational Linguistics: Main Volume",
        "EACL",
    ),
    ("Findings of the Association for Computational Linguistics: EMNLP 2023", "Findings of EMNLP"),
    ("Proceedings of the Workshop on Trust, Safety and Security", "Workshop on Trust, Safety and Security"),
    # Natural language processing and speech
    (
        "Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers), "
        "ACL 2023, Toronto, Canada, July 9-14, 2023",
        "ACL",
    ),
    (
        "Proceedings of the 59th Annual Meeting of the Association for Computational Linguistics and the 11th "
        "International Joint Conference on Natural Language Processing (Volume 1: Long Papers)",
        "ACL",
    ),
    ("Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing", "EMNLP"),
    ("EMNLP-IJCNLP 2019", "EMNLP"),
    (
        "Proceedings of the 2024 Conference of the North American Chapter of the Association for Computational "
        "Linguistics: Human Language Technologies (Volume 1: Long Papers)",
        "NAACL",
    ),
    ("NAACL-HLT 2019", "NAACL"),
    (
        "Proceedings of the 18th Conference of the European Chapter of the Association for Computational Linguistics (Volume 1: Long Papers)",
        "EACL",
    ),
    (
        "Proceedings of the 13th International Joint Conference on Natural Language Processing and the 3rd Conference "
        "of the Asia-Pacific Chapter of the Association for Computational Linguistics (Volume 1: Long Papers)",
        "AACL",
    ),
    ("Proceedings of the 29th International Conference on Computational Linguistics", "COLING"),
    ("Proceedings of the Thirteenth Language Resources and Evaluation Conference", "LREC"),
    ("Proceedings of the 12th International Conference on Language Resources and Evaluation (LREC 2020)", "LREC"),
    ("Findings of the Association for Computational Linguistics: ACL 2023", "Findings of ACL"),
    ("Findings of the Association for Computational Linguistics: ACL-IJCNLP 2021", "Findings of ACL"),
    ("Findings of the Association for Computational Linguistics", "Findings of ACL"),
    ("Findings of the Association for Computational Linguistics: EMNLP 2020, Online Event, 16-20 November 2020", "Findings of EMNLP"),
    ("Findings of EMNLP", "Findings of EMNLP"),
    ("EMNLP (Findings)", "Findings of EMNLP"),
    ("Findings of the Association for Computational Linguistics: NAACL 2024", "Findings of NAACL"),
    ("Findings of the Association for Computational Linguistics: EACL 2024", "Findings of EACL"),
    ("Transactions of the Association for Computational Linguistics", "TACL"),
    ("Trans. Assoc. Comput. Linguistics", "TACL"),
    ("Proc. Interspeech 2023", "Interspeech"),
    ("INTERSPEECH 2023 - 24th Annual Conference of the International Speech Communication Association", "Interspeech"),
    ("ICASSP 2023-2023 IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP)", "ICASSP"),
    ("2024 IEEE International Conference on Acoustics, Speech, and Signal Processing", "ICASSP"),
    # Machine learning and artificial intelligence
    (
        "Advances in Neural Information Processing Systems 36: Annual Conference on Neural Information Processing Systems 2023, NeurIPS 2023",
        "NeurIPS",
    ),
    ("Advances in neural information processing systems", "NeurIPS"),
    ("Thirty-seventh Conference on Neural Information Processing Systems", "NeurIPS"),
    ("Advances in Neural Information Processing Systems 25 (NIPS 2012)", "NeurIPS"),
    ("Forty-first International Conference on Machine Learning, ICML 2024", "ICML"),
    ("Proceedings of the 40th International Conference on Machine Learning", "ICML"),
    ("International conference on machine learning", "ICML"),
    ("The Twelfth International Conference on Learning Representations", "ICLR"),
    ("Proceedings of the AAAI Conference on Artificial Intelligence", "AAAI"),
    ("Thirty-Eighth AAAI Conference on Artificial Intelligence, AAAI 2024, Vancouver, Canada", "AAAI"),
    ("Proceedings of the Thirty-Second International Joint Conference on Artificial Intelligence, IJCAI-23", "IJCAI"),
    ("Proceedings of The 27th International Conference on Artificial Intelligence and Statistics", "AISTATS"),
    ("First Conference on Language Modeling", "COLM"),
    ("Proceedings of the Thirty-Ninth Conference on Uncertainty in Artificial Intelligence", "UAI"),
    ("Proceedings of Machine Learning and Systems", "MLSys"),
    ("Proceedings of the 2nd SysML Conference", "MLSys"),
    ("Journal of Machine Learning Research", "JMLR"),
    ("J. Mach. Learn. Res.", "JMLR"),
    ("Transactions on Machine Learning Research", "TMLR"),
    # Computer vision and medical imaging
    ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "CVPR"),
    ("IEEE/CVF Conference on Computer Vision and Pattern Recognition, CVPR 2023, Vancouver, BC, Canada, June 17-24, 2023", "CVPR"),
    ("Proceedings of the IEEE/CVF International Conference on Computer Vision", "ICCV"),
    ("Computer Vision -- ECCV 2022 - 17th European Conference, Tel Aviv, Israel, October 23-27, 2022, Proceedings, Part XV", "ECCV"),
    ("European Conference on Computer Vision", "ECCV"),
    ("Proceedings of the IEEE/CVF Winter Conference on Applications of Computer Vision (WACV)", "WACV"),
    ("34th British Machine Vision Conference 2023, BMVC 2023, Aberdeen, UK, November 20-24, 2023", "BMVC"),
    ("2023 IEEE 20th International Symposium on Biomedical Imaging (ISBI)", "ISBI"),
    (
        "Medical Image Computing and Computer Assisted Intervention - MICCAI 2023 - 26th International Conference, "
        "Vancouver, BC, Canada, October 8-12, 2023, Proceedings, Part I",
        "MICCAI",
    ),
    # Systems, networking and architecture
    ("20th USENIX Symposium on Operating Systems Design and Implementation, OSDI 2026, Testville, CA, USA, July 1-3, 2026", "OSDI"),
    ("17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)", "OSDI"),
    ("Proceedings of the 29th Symposium on Operating Systems Principles", "SOSP"),
    ("20th USENIX Symposium on Networked Systems Design and Implementation (NSDI 23)", "NSDI"),
    ("Proceedings of the Twentieth European Conference on Computer Systems", "EuroSys"),
    (
        "Proceedings of the 29th ACM International Conference on Architectural Support for Programming Languages and Operating Systems, Volume 2",
        "ASPLOS",
    ),
    ("2023 USENIX Annual Technical Conference (USENIX ATC 23)", "USENIX ATC"),
    ("Proceedings of the 2019 USENIX Conference on Usenix Annual Technical Conference", "USENIX ATC"),
    ("21st USENIX Conference on File and Storage Technologies (FAST 23)", "FAST"),
    ("Proceedings of the 2023 ACM Symposium on Cloud Computing", "SoCC"),
    ("Proceedings of the 19th Workshop on Hot Topics in Operating Systems", "HotOS"),
    ("Proceedings of the ACM SIGCOMM 2023 Conference", "SIGCOMM"),
    ("Proceedings of the 2023 ACM on Internet Measurement Conference", "IMC"),
    # Security and privacy
    ("Proceedings of the 2023 ACM SIGSAC Conference on Computer and Communications Security", "CCS"),
    ("32nd USENIX Security Symposium (USENIX Security 23)", "USENIX Security"),
    ("2024 IEEE Symposium on Security and Privacy (SP)", "IEEE S&P"),
    ("44th IEEE Symposium on Security and Privacy, SP 2023, San Francisco, CA, USA, May 21-25, 2023", "IEEE S&P"),
    ("8th IEEE European Symposium on Security and Privacy, EuroS&P 2023", "EuroS&P"),
    ("Proceedings of the 19th ACM Asia Conference on Computer and Communications Security", "AsiaCCS"),
    ("30th Annual Network and Distributed System Security Symposium, NDSS 2023", "NDSS"),
    # Human-computer interaction
    ("Proceedings of the 2024 CHI Conference on Human Factors in Computing Systems", "CHI"),
    ("Proceedings of the 36th Annual ACM Symposium on User Interface Software and Technology", "UIST"),
    ("Companion Publication of the 2023 Conference on Computer Supported Cooperative Work and Social Computing", "CSCW"),
    ("Proc. ACM Hum. Comput. Interact.", "PACMHCI"),
    # Data management, the web and information retrieval
    ("Proceedings of the 2023 International Conference on Management of Data", "SIGMOD"),
    ("Proc. ACM Manag. Data", "SIGMOD"),
    ("Proc. VLDB Endow.", "VLDB"),
    ("Proceedings of the VLDB Endowment", "VLDB"),
    ("Proceedings of the 29th ACM SIGKDD Conference on Knowledge Discovery and Data Mining", "KDD"),
    ("Advances in Knowledge Discovery and Data Mining - 27th Pacific-Asia Conference, PAKDD 2023", "PAKDD"),
    ("Proceedings of the ACM Web Conference 2023", "WWW"),
    ("Proceedings of The Web Conference 2020", "WWW"),
    (
        "Proceedings of the 46th International ACM SIGIR Conference on Research and Development in Information Retrieval",
        "SIGIR",
    ),
    # Programming languages
    (
        "Proceedings of the 44th ACM SIGPLAN International Conference on Programming Language Design and Implementation",
        "PLDI",
    ),
    ("Proceedings of the 43rd ACM SIGPLAN-SIGACT Symposium on Principles of Programming Languages", "POPL"),
    ("Proc. ACM Program. Lang.", "PACMPL"),
    # Journals named by one word, and their siblings
    ("Nature", "Nature"),
    ("Science", "Science"),
    ("Nature Communications", "Nature Communications"),
    ("Science Advances", "Science Advances"),
    # Look-alikes that are not the venue they resemble
    ("2023 International Conference on Machine Learning and Applications (ICMLA)", "ICMLA"),
    ("Language Resources and Evaluation", "Language Resources and Evaluation"),
    # Preprints and unknown venues
    ("arXiv preprint arXiv:2203.04567", "arXiv"),
    ("CoRR", "arXiv"),
    ("Journal of Imaginary Widget Engineering", "Journal of Imaginary Widget Engineering"),
    ("Proceedings of the Third Gadget Conference: Main Volume", "Gadget Conference"),
    ("Proceedings of the Third Gadget Conference: Main Volume, Testville, Testland", "Gadget Conference"),
    ("Proceedings of the Widget Symposium, Rio de Janeiro, Brazil", "Widget Symposium"),
    ("Proceedings of the 5th Gadget Conference (Volume 1: Long Papers)", "Gadget Conference"),
    ("Proceedings of the 2nd Gadget Reliability Symposium, Testville", "Gadget Reliability Symposium"),
    ("Proceedings of the Gadget Conference, GADGET 2024, Testville, Testland, May 2-4, 2024", "GADGET"),
]

WORKSHOPS = [
    # Today's expectation in test_import_bib.py: "(WSW-3)" is no acronym of two capitals, so the name is the badge.
    ("Proceedings of the 3rd Widget Safety Workshop (WSW-3), Testville, 2023", "Widget Safety Workshop"),
    ("Proceedings of the Widget Safety Workshop", "Widget Safety Workshop"),
    ("Proceedings of the Workshop on Trust, Safety and Security", "Workshop on Trust, Safety and Security"),
    ("Proceedings of the 2nd Workshop on Trust, Safety and Security, Testville, Testland, 2024", "Workshop on Trust, Safety and Security"),
    ("Proceedings of the Workshop on Trust, Privacy, Vienna, Austria", "Workshop on Trust, Privacy"),
    ("Proceedings of the Workshop on Widget Parsing at ACL 2024", "Workshop on Widget Parsing"),
    ("Proceedings of the First Workshop on Widget Parsing, co-located with EMNLP 2023", "Workshop on Widget Parsing"),
    ("Proceedings of the Second Workshop on Widget Parsing @ NeurIPS 2024", "Workshop on Widget Parsing"),
    ("Proceedings of the 5th Workshop on Trustworthy NLP (TrustNLP 2025)", "TrustNLP"),
    ("Proceedings of the 7th Workshop on Widget Semantics, WiSe 2024, Bangkok, Thailand, August 15, 2024", "WiSe"),
    ("Proceedings of the ACL Workshop on Widget Parsing (ACL 2024)", "ACL Workshop on Widget Parsing"),
    ("Proceedings of the 2024 Workshop on Security at Scale at CCS 2024", "Workshop on Security at Scale"),
    ("2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops (CVPRW)", "CVPRW"),
    ("2023 IEEE Security and Privacy Workshops (SPW)", "SPW"),
    (
        "Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics (Volume 4: Student Research Workshop)",
        "ACL SRW",
    ),
    (
        "Proceedings of the 2024 Conference of the North American Chapter of the Association for Computational "
        "Linguistics: Human Language Technologies (Volume 4: Student Research Workshop)",
        "NAACL SRW",
    ),
    ("Proceedings of the 18th International Workshop on Semantic Evaluation (SemEval-2024)", "SemEval"),
    ("Proceedings of the 19th Workshop on Hot Topics in Operating Systems", "HotOS"),
]


@pytest.mark.parametrize(("venue", "badge"), BADGES, ids=[venue[:60] for venue, _ in BADGES])
def test_a_venue_as_an_exporter_writes_it_gets_the_badge_a_researcher_would_write(venue: str, badge: str) -> None:
    assert venue_badge(venue, None) == badge


@pytest.mark.parametrize(("venue", "badge"), WORKSHOPS, ids=[venue[:60] for venue, _ in WORKSHOPS])
def test_a_workshop_keeps_its_own_name_or_acronym_never_the_conference_it_is_held_with(venue: str, badge: str) -> None:
    assert venue_badge(venue, None) == badge


def test_the_table_covers_every_venue_the_issue_names() -> None:
    acronyms = {venue.acronym for venue in load_venues()}
    wanted = [
        "ACL", "EMNLP", "NAACL", "EACL", "AACL", "COLING", "LREC", "LREC-COLING", "TACL", "Interspeech", "ICASSP", "NeurIPS", "ICML", "ICLR",
        "AAAI", "IJCAI", "AISTATS", "COLM", "UAI", "CVPR", "ICCV", "ECCV", "WACV", "BMVC", "OSDI", "SOSP", "NSDI", "EuroSys", "ASPLOS", "MLSys",
        "SIGCOMM", "IMC", "CCS", "NDSS", "CHI", "UIST", "CSCW", "SIGMOD", "VLDB", "KDD", "WWW", "SIGIR", "ISBI", "MICCAI", "FAST", "SoCC", "HotOS",
        "PLDI", "POPL", "JMLR", "TMLR", "Nature", "Science",
    ]  # fmt: skip
    wanted += ["Findings of ACL", "Findings of EMNLP", "Findings of NAACL", "Findings of EACL", "USENIX ATC", "USENIX Security", "IEEE S&P"]
    assert set(wanted) - acronyms == set()
    assert len(BADGES) + len(WORKSHOPS) >= 60
    covered = {badge for _, badge in BADGES + WORKSHOPS}
    assert set(wanted) - covered == set(), "every venue of the issue has a case above"


def test_al_folios_abbr_wins_then_a_short_series_then_the_table() -> None:
    emnlp = "Findings of the Association for Computational Linguistics: EMNLP 2023"
    assert venue_badge(emnlp, None, abbr="EMNLP Findings") == "EMNLP Findings"
    assert venue_badge(emnlp, "EMNLP '23", abbr="  EMNLP  Findings ") == "EMNLP Findings"
    assert venue_badge(emnlp, "EMNLP '23", abbr="") == "EMNLP '23"
    assert venue_badge(emnlp, "EMNLP '23") == "EMNLP '23"
    # A long series, or one that names who printed the proceedings, is no badge.
    assert venue_badge("Forty-first International Conference on Machine Learning", "Proceedings of Machine Learning Research") == "ICML"
    assert venue_badge("Proceedings of The 27th International Conference on Artificial Intelligence and Statistics", "PMLR") == "AISTATS"
    assert venue_badge("Medical Image Computing and Computer Assisted Intervention - MICCAI 2023", "LNCS") == "MICCAI"


def test_entries_call_keeps_working_with_series_as_the_second_argument() -> None:
    assert venue_badge("Proceedings of the Twentieth European Conference on Computer Systems", "EuroSys '25") == "EuroSys '25"
    assert venue_badge("Proceedings of the Twentieth European Conference on Computer Systems", None) == "EuroSys"


def test_known_venue_says_whether_the_table_calls_it_a_workshop() -> None:
    hotos = known_venue("Proceedings of the 19th Workshop on Hot Topics in Operating Systems")
    assert isinstance(hotos, Venue) and (hotos.acronym, hotos.kind, hotos.is_workshop) == ("HotOS", "workshop", True)
    osdi = known_venue("17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)")
    assert osdi is not None and (osdi.acronym, osdi.kind, osdi.is_workshop) == ("OSDI", None, False)
    assert known_venue("Proceedings of the Workshop on Widget Parsing at ACL 2024") is None
    assert known_venue("Journal of Imaginary Widget Engineering") is None


def test_the_shipped_table_loads_and_every_pattern_compiles() -> None:
    venues = load_venues()
    assert load_venues() is venues, "the table is read once"
    assert len(venues) >= 60
    assert len({venue.acronym for venue in venues}) == len(venues)
    for venue in venues:
        assert venue.acronym.strip() and (venue.names or venue.patterns), venue
        assert venue.kind in (None, "workshop"), venue
        for pattern in venue.patterns:
            assert isinstance(pattern, re.Pattern) and pattern.flags & re.I


def test_the_table_is_data_with_a_header_saying_what_each_field_means() -> None:
    header = VENUES_FILE.read_text(encoding="utf-8").split("\n- ", 1)[0]
    for field in ("acronym", "names", "patterns", "kind"):
        assert f"#   {field}" in header


BROKEN = [
    ("- names: [Widget Conference]\n", r"venues\.yml:1: venue 1 \('Widget Conference'\): it has no acronym; every venue needs 'acronym'"),
    ("- acronym: WC\n  names: [Widget Conference]\n- acronym: ''\n  names: [Gadget Conference]\n", r"venues\.yml:3: venue 2 .*no acronym"),
    (
        "- acronym: WC\n  patterns: ['widget (conference']\n",
        r"venues\.yml:1: venue 1 \(WC\): pattern 'widget \(conference' is not a regular expression",
    ),
    ("- acronym: WC\n", r"venue 1 \(WC\): it has neither names nor patterns"),
    ("- acronym: WC\n  names: Widget Conference\n", r"venue 1 \(WC\): 'names' must be a list"),
    ("- acronym: WC\n  name: [Widget Conference]\n", r"venue 1: unknown field name; a venue has only acronym, names, patterns, kind"),
    ("- acronym: WC\n  names: [Widget Conference]\n  kind: journal\n", r"venue 1 \(WC\): kind 'journal' is not one of workshop"),
    ("- acronym: WC\n  names: [A]\n- acronym: WC\n  names: [B]\n", r"venues\.yml:3: venue 2: acronym 'WC' is also venue 1's"),
    ("acronym: WC\n", r"venues\.yml: the table of venues must be a list"),
    ("- acronym: [WC\n", r"venues\.yml:2: the table of venues is not valid YAML"),
]


@pytest.mark.parametrize(("text", "message"), BROKEN, ids=[message[:40] for _, message in BROKEN])
def test_a_broken_table_is_reported_clearly(tmp_path: Path, text: str, message: str) -> None:
    broken = tmp_path / "venues.yml"
    broken.write_text(text, encoding="utf-8")

    with pytest.raises(VenueTableError, match=message):
        load_venues(broken)


def test_a_copy_of_the_shipped_table_without_one_acronym_is_reported_clearly(tmp_path: Path) -> None:
    shipped = VENUES_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "venues.yml"
    broken.write_text(shipped.replace("- acronym: EMNLP\n  names:", "- names:", 1), encoding="utf-8")
    line = shipped[: shipped.index("- acronym: EMNLP\n")].count("\n") + 1

    with pytest.raises(
        VenueTableError, match=rf"^venues\.yml:{line}: venue 2 \('Empirical Methods in Natural Language Processing'\): it has no acronym"
    ):
        load_venues(broken)
