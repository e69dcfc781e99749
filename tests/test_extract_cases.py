"""`claimcheck extract`, rule by rule: short invented texts, the drafts each rule must
propose and the drafts it must not.

Each case is (text, expected, rejected): `expected` lists (subject, predicate,
value) that must be drafted, the subject being the entity's name, one of its
aliases or the subject as written; `rejected` lists (subject, predicate,
value) that must not be, a value of None meaning any value.
"""

from __future__ import annotations

import pytest
from test_extract import drafted  # tests/ is on the path (no package): one way to read drafts

Case = tuple[str, list[tuple[str, str, str]], list[tuple[str, str, str | None]]]


def check(text: str, expected: list, rejected: list) -> None:
    got = drafted(text)
    for subject, predicate, value in expected:
        assert any(subject in n and p == predicate and v == value for n, p, v in got), (
            f"no draft {subject} | {predicate} | {value}; drafted: "
            + "; ".join(f"{min(n)} | {p} | {v}" for n, p, v in got))
    for subject, predicate, value in rejected:
        bad = [v for n, p, v in got if subject in n and p == predicate and (value is None or v == value)]
        assert not bad, f"drafted {subject} | {predicate} | {bad}"


STATEMENTS: list[Case] = [
    # "also" points at the sentences before: left out of the value, kept in the quote
    ("Ann Roe, a lawyer, said the deal was fair. \"The board should also publish the minutes,\" she added.",
     [("Ann Roe", "said", "The board should publish the minutes")],
     [("Ann Roe", "said", "The board should also publish the minutes")]),
    ("Acme said it also plans to close two plants in Ohio.",
     [("Acme", "said", "it plans to close two plants in Ohio")], []),
    ("Ann Roe said the firm, also known as Roe Partners, was closing.",
     [("Ann Roe", "said", "the firm, also known as Roe Partners, was closing")], []),
    # a credit in brackets at the end of a caption is not part of the statement
    ("Residents said the water had risen within an hour (Example Photo Agency)",
     [("Residents", "said", "the water had risen within an hour")], []),
    # a report and a promise joined by "and" + a modal are two statements
    ("The Housing Ministry said it had repaid the families and would no longer charge fees for permits.",
     [("Housing Ministry", "said", "it had repaid the families"),
      ("Housing Ministry", "said", "it would no longer charge fees for permits")],
     [("Housing Ministry", "said", "it had repaid the families and would no longer charge fees for permits")]),
    # ... but two acts in one tense, or no auxiliary, stay one statement
    ("Acme said it had paid the fine and had opened its own review of the plant.",
     [("Acme", "said", "it had paid the fine and had opened its own review of the plant")], []),
    ("Ann Roe said her client accepted responsibility and would cooperate with the inquiry.",
     [("Ann Roe", "said", "her client accepted responsibility and would cooperate with the inquiry")], []),
    # an organization's statement speaks of it as "it"
    ("Acme Inc. said it regretted the delay. \"We will refund every customer,\" she added.",
     [("Acme Inc.", "said", "it will refund every customer")],
     [("Acme Inc.", "said", "We will refund every customer")]),
    ("Acme Inc. said it regretted the delay. She added that she regrets \"the trouble caused\" to customers.",
     [("Acme Inc.", "said", "it regrets \"the trouble caused\" to customers")], []),
    ("Ann Roe said Acme Inc. had left the city. She added that she would not comment on it.",
     [("Ann Roe", "said", "she would not comment on it")], [("Acme Inc.", "said", None)]),
    ("Ann Roe said the plan failed. \"We will try again next year,\" she added.",
     [("Ann Roe", "said", "We will try again next year")], []),
    # a quotation that closes with a comma ends the statement
    ("Acme said it keeps \"a small amount of data on its own servers,\" in addition to backups.",
     [("Acme", "said", "it keeps \"a small amount of data on its own servers")], []),
    ("\"As the regulator explains, every bank faces new rules this year,\" Acme said in its statement.",
     [("regulator", "said", "every bank faces new rules this year")],
     [("regulator", "said", "every bank faces new rules this year,\" Acme said in its statement")]),
    # "..., saying X": the subject of the clause before says X
    ("The Harbor Council closed the bridge on Monday, saying it needed urgent repairs to its pillars.",
     [("Harbor Council", "said", "it needed urgent repairs to its pillars")], []),
    ("The Ruritanian government fined Acme. Later, the government lifted the ban, saying the port was safe again.",
     [("Ruritanian government", "said", "the port was safe again")], []),
    ("Acme fired Ann Roe on Friday, saying she had broken its safety rules.",
     [("Acme", "said", "she had broken its safety rules")], [("Ann Roe", "said", None)]),
    # a sentence with a quotation right after a statement, in the same paragraph, goes on with its speaker
    ("In a statement, Mayor Ann Roe said the budget was balanced. The plan also \"protects every school\" "
     "in the city.",
     [("Ann Roe", "said", "The plan \"protects every school\" in the city")], []),
    # ... but not across a paragraph, nor when the sentence names its own speaker or has no quotation
    ("Ann Roe said the budget was balanced.\n\nThe plan \"protects every school\" in the city.",
     [], [("Ann Roe", "said", "The plan \"protects every school\" in the city")]),
    ("Ann Roe said the budget was balanced. The plan protects every school in the city.",
     [], [("Ann Roe", "said", "The plan protects every school in the city")]),
]



ACCUSATIONS: list[Case] = [
    # an accuser's statement that a person did something
    ("Federal prosecutors said on Monday that Ann Roe had moved client funds into shell companies.",
     [("Ann Roe", "accused of", "moved client funds into shell companies"),
      ("Ann Roe", "accused by", "Federal prosecutors"),
      ("Federal prosecutors", "said", "Ann Roe had moved client funds into shell companies")], []),
    # the person named by a title alone, and the qualifying phrase after it
    ("Ann Roe, chief executive of Acme, resigned. Police said that a senior executive at Acme had shredded "
     "the ledgers.",
     [("Ann Roe", "accused of", "shredded the ledgers")], []),
    # an act added by ", <verb>ing" is a claim of its own and ends the statement
    ("Prosecutors said Ann Roe ran the fund, hiding losses from the auditors.",
     [("Ann Roe", "accused of", "ran the fund"), ("Ann Roe", "accused of", "hiding losses from the auditors"),
      ("Prosecutors", "said", "Ann Roe ran the fund")],
     [("Prosecutors", "said", "Ann Roe ran the fund, hiding losses from the auditors")]),
    # a speaker who is no accuser makes no accusation
    ("Neighbours said Ann Roe had moved to the coast.", [], [("Ann Roe", "accused of", None)]),
    ("Prosecutors said the trial would open in May.", [], [("Prosecutors", "accused of", None)]),
    # "alleging (that)"
    ("Customers filed a lawsuit against Acme Inc. in March, alleging the company sold their data without consent.",
     [("Acme Inc.", "accused of", "sold their data without consent")], []),
    ("Customers filed a suit alleging that Acme Bank had overcharged them for years.",
     [("Acme Bank", "accused of", "overcharged them for years")], []),
    # "accused of A-ing X and B-ing Y": one claim per act
    ("Ann Roe, a manager at Acme Inc., was dismissed. Acme has fired a Paris-based manager accused of leaking "
     "designs and deleting customer records.",
     [("Ann Roe", "accused of", "leaking designs"), ("Ann Roe", "accused of", "deleting customer records")],
     [("Ann Roe", "accused of", "leaking designs and deleting customer records")]),
    ("Regulators accused Acme of misleading investors and hiding debts from its lenders.",
     [("Acme", "accused of", "misleading investors"), ("Acme", "accused of", "hiding debts from its lenders")], []),
    # ... but not a list of things that are not acts
    ("Regulators accused Acme of fraud and negligence in its accounts.",
     [("Acme", "accused of", "fraud and negligence in its accounts")], []),
    ("Ann Roe was charged with fraud on Tuesday.", [("Ann Roe", "charged with", "fraud on Tuesday")], []),
]



PEOPLE: list[Case] = [
    # a person named by a title alone, with an indefinite article, is given that title
    ("Ann Roe, chief executive of Acme Inc., resigned. Police said a senior executive at the carmaker Acme Inc. "
     "had left.",
     [("Ann Roe", "title", "senior executive")], []),
    ("Ann Roe, a manager at Acme Inc., was dismissed. Acme fired a Paris-based Acme manager on Friday.",
     [("Ann Roe", "title", "manager")], []),
    # ... not when two people share the title's head word
    ("Ann Roe, a manager at Acme Inc., and John Doe, a manager at Acme Inc., spoke. A regional manager "
     "at Acme Inc. left.",
     [], [("Ann Roe", "title", "regional manager"), ("John Doe", "title", "regional manager")]),
    # a descriptor "at" an organization
    ("Ann Roe, a researcher at the Example Institute in Oslo, said the data were sound.",
     [("Ann Roe", "researcher at", "Example Institute"), ("Example Institute", "based in", "Oslo")],
     [("Ann Roe", "description", None)]),
    ("Ann Roe, a researcher in Oslo, said the data were sound.",
     [("Ann Roe", "description", "researcher in Oslo")], [("Ann Roe", "researcher at", None)]),
    # wealth
    ("The billionaire founder and chairman of Acme Inc., Ann Roe, was born in Oslo.",
     [("Ann Roe", "wealth", "billionaire"), ("Ann Roe", "title", "founder and chairman")], []),
    ("Acme was bought by the billionaire Ann Roe in 2019.",
     [("Ann Roe", "wealth", "billionaire")], [("Ann Roe", "description", "billionaire")]),
    # a firing in an organization's statement is by that organization
    ("Acme Inc. said in a statement that Ann Roe was fired for breaking company rules.",
     [("Ann Roe", "fired by", "Acme Inc."), ("Ann Roe", "fired", "for breaking company rules")], []),
    ("Ann Roe said her brother John Doe was fired for breaking company rules.",
     [], [("John Doe", "fired by", None)]),
    # charges: a verb after "and" shares the words that govern the first one
    ("Prosecutors charged Ann Roe with conspiracy to commit fraud and launder the proceeds.",
     [("Ann Roe", "charged with", "conspiracy to commit fraud")], []),
    ("Prosecutors charged Ann Roe with conspiracy to commit fraud and hide a stolen car.",
     [("Ann Roe", "charged with", "conspiracy to hide a stolen car")], []),
    ("Prosecutors charged Ann Roe with conspiracy to commit fraud and money laundering.",
     [("Ann Roe", "charged with", "money laundering")],
     [("Ann Roe", "charged with", "conspiracy to money laundering")]),
    # the evidence a sentence opens with
    ("Citing bank records and emails, the Harbor Police said the money was gone.",
     [("Harbor Police", "cited", "bank records and emails")], []),
    ("Citing Ann Roe, a lawyer, said the money was gone.", [], [("Ann Roe", "cited", None)]),
]


EVENTS: list[Case] = [
    # what happened to a person, with "whose", and when
    ("Ann Roe, a student leader, whose bank account was frozen in May, said she would appeal.",
     [("Ann Roe", "account frozen", "May")], []),
    ("Ann Roe, a blogger whose video on Example Tube was removed last week, said nothing.",
     [("Ann Roe", "video removed", "last week")], []),
    ("Ann Roe, whose father was born in Oslo, said nothing.", [], [("Ann Roe", "father born", None)]),
    # what an organization did, and the date opening the sentence
    ("Acme Inc. faced several lawsuits last year. In November, it settled a class-action suit accusing "
     "the company of fraud.",
     [("Acme Inc.", "settled", "class-action suit"), ("Acme Inc.", "settlement date", "November")], []),
    ("In October 2019, Acme Inc. appointed Ann Roe as its contact for regulators.",
     [("Ann Roe", "appointment date", "October 2019"), ("Ann Roe", "appointed as", "contact for regulators")],
     [("Acme Inc.", "appointment date", None)]),
    ("Ann Roe said the plan settled nothing.", [], [("Ann Roe", "settled", None)]),
    # what a document is
    ("The fraud, as police alleged in a complaint unsealed Friday in federal court in Oslo, lasted years.",
     [("complaint", "filed by", "police"), ("complaint", "unsealed", "Friday"),
      ("complaint", "court", "federal court in Oslo")], []),
    ("Acme filed a lawsuit in March against Beta Corp.", [], [("lawsuit", "filed", None)]),
    # findings, under the verb's own name; a trailing ", which ..." is left out
    ("Ann Roe and another auditor discovered last year that Acme Inc. had moved its servers abroad, which "
     "broke the contract.",
     [("Ann Roe", "discovered", "Acme Inc. had moved its servers abroad")], [("Ann Roe", "said", None)]),
    ("Ann Roe found the keys in the car.", [], [("Ann Roe", "found", None)]),
    # inquiries an organization opens or waits for
    ("Acme Inc. suspended two managers pending the outcome of an independent inquiry.",
     [("Acme Inc.", "inquiry", "independent inquiry")], []),
    ("Acme Inc. said the company had launched its own internal audit.",
     [("Acme Inc.", "audit", "internal audit")], []),
    ("Ann Roe asked for an independent inquiry.", [], [("Ann Roe", "inquiry", None)]),
]


MORE: list[Case] = [
    # "S, the indictment said": the document's statement, and the accusation it makes
    ("Ann Roe, a banker, was arrested. Roe also moved the money to Example Bank, the indictment said.",
     [("indictment", "said", "Roe moved the money to Example Bank"),
      ("Ann Roe", "accused of", "moved the money to Example Bank")], []),
    ("According to the indictment, Ann Roe moved the money to Example Bank.",
     [("Ann Roe", "accused of", "moved the money to Example Bank")], [("indictment", "said", None)]),
    # a reason ends where what the act is about begins (drafted on its own)
    ("Acme Inc. fired Ann Roe after the regulator charged her with wire fraud.",
     [("Ann Roe", "fired", "after the regulator charged her"), ("Ann Roe", "charged with", "wire fraud")],
     [("Ann Roe", "fired", "after the regulator charged her with wire fraud")]),
    ("Acme Inc. fired Ann Roe after an audit found irregularities.",
     [("Ann Roe", "fired", "after an audit found irregularities")], []),
    # what the counted things did, in a relative clause
    ("Acme Inc. closed at least three plants that produced the old engines, the union said.",
     [("Acme Inc.", "plants closed", "at least three"), ("Acme Inc.", "plants produced", "old engines")], []),
    ("Acme Inc. closed at least three plants that the union said were old.", [], [("Acme Inc.", "plants said", None)]),
    # a date between the actor and the verb is not the actor
    ("Federal prosecutors in Oslo on Tuesday charged Ann Roe with tax fraud.",
     [("Ann Roe", "charged by", "Federal prosecutors in Oslo")], [("Ann Roe", "charged by", "Tuesday")]),
    # "Ann Roe, 58, is accused of X": the apposition does not hide who is accused
    ("Ann Roe, 58, is accused of hiding the payments from auditors, according to an indictment unsealed Tuesday.",
     [("Ann Roe", "accused of", "hiding the payments from auditors"), ("indictment", "unsealed", "Tuesday")],
     [("Ann Roe", "said", None)]),
    # "X said S, adding that T": T is X's too
    ("Ann Roe said the plan had failed, adding that the council should also resign.",
     [("Ann Roe", "said", "the plan had failed"), ("Ann Roe", "said", "the council should resign")], []),
    # "we" becomes "it" only where the verb still agrees
    ("Acme Inc. said it would appeal. \"We take these claims seriously,\" the company said.",
     [("Acme Inc.", "said", "We take these claims seriously")],
     [("Acme Inc.", "said", "it take these claims seriously")]),
    # a speaker whose words are no statement ("reported problems") is not who "she" means next
    ("Ann Roe said the line was safe, adding that no customer had reported problems. She said tests would go on.",
     [("Ann Roe", "said", "tests would go on")], [("customer", "said", None)]),
    # a title between "said" and the name
    ("\"Nobody was hurt,\" said chief executive Ann Roe.", [("Ann Roe", "said", "Nobody was hurt")], []),
    # "Acme" is "Acme Robotics" when the rest of the name is company words
    ("Acme Robotics recalled its drones. Acme said it would refund every buyer.",
     [("Acme Robotics", "said", "it would refund every buyer")], []),
    ("Acme Robotics recalled its drones. Acme Labs said it would test them.",
     [("Acme Labs", "said", "it would test them")], [("Acme Robotics", "said", "it would test them")]),
    # wealth among the words before a name
    ("The billionaire shipping magnate Ann Roe bought Acme Inc. in 2019.",
     [("Ann Roe", "wealth", "billionaire"), ("Ann Roe", "description", "billionaire shipping magnate")], []),
]

TABLES: dict[str, list[Case]] = {"statement": STATEMENTS, "accusation": ACCUSATIONS, "people": PEOPLE,
                                  "event": EVENTS, "more": MORE}


@pytest.mark.parametrize(("text", "expected", "rejected"),
                         [pytest.param(*case, id=f"{name}-{n}") for name, table in TABLES.items()
                          for n, case in enumerate(table)])
def test_case(text, expected, rejected):
    check(text, expected, rejected)


