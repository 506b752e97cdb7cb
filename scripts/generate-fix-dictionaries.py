#!/usr/bin/env python3
"""Generates the FIX data dictionaries QuickFIX reads (resources/fix/FIX42.xml,
FIX44.xml), the table of tag and value names the message log decodes with
(core/fix/fixtags.inc) and the names the code gives tags and message types
(core/fix/fixtags.h), from the one description below.

The dictionaries are deliberately lenient, as sell sides differ: body fields are
optional (the translator checks what it needs and quarantines what it cannot
apply, naming the problem) and no field lists its values (QuickFIX would reject
a value it does not know). They define the repeating groups brokers send, so
that QuickFIX parses them instead of refusing repeated tags.

Run it after changing the description; the outputs are checked in.
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# tag: (name in 4.4, type, name in 4.2 if different, {value: description})
FIELDS = {
    1: ("Account", "STRING"), 6: ("AvgPx", "PRICE"), 7: ("BeginSeqNo", "SEQNUM"), 8: ("BeginString", "STRING"),
    9: ("BodyLength", "LENGTH"), 10: ("CheckSum", "STRING"), 11: ("ClOrdID", "STRING"), 12: ("Commission", "AMT"),
    13: ("CommType", "CHAR"), 14: ("CumQty", "QTY"), 15: ("Currency", "CURRENCY"), 16: ("EndSeqNo", "SEQNUM"),
    17: ("ExecID", "STRING"), 18: ("ExecInst", "MULTIPLEVALUESTRING"), 19: ("ExecRefID", "STRING"),
    20: ("ExecTransType", "CHAR", None, {"0": "New", "1": "Cancel", "2": "Correct", "3": "Status"}),
    21: ("HandlInst", "CHAR", None, {"1": "AutomatedPrivate", "2": "AutomatedPublic", "3": "Manual"}),
    22: ("SecurityIDSource", "STRING", "IDSource"), 29: ("LastCapacity", "CHAR"), 30: ("LastMkt", "EXCHANGE"),
    31: ("LastPx", "PRICE"), 32: ("LastQty", "QTY", "LastShares"), 34: ("MsgSeqNum", "SEQNUM"),
    35: ("MsgType", "STRING", None, {"0": "Heartbeat", "1": "TestRequest", "2": "ResendRequest", "3": "Reject",
                                      "4": "SequenceReset", "5": "Logout", "8": "ExecutionReport", "9": "OrderCancelReject",
                                      "A": "Logon", "D": "NewOrderSingle", "F": "OrderCancelRequest",
                                      "G": "OrderCancelReplaceRequest", "H": "OrderStatusRequest", "V": "MarketDataRequest",
                                      "W": "MarketDataSnapshotFullRefresh", "X": "MarketDataIncrementalRefresh",
                                      "Y": "MarketDataRequestReject", "j": "BusinessMessageReject"}),
    36: ("NewSeqNo", "SEQNUM"), 37: ("OrderID", "STRING"), 38: ("OrderQty", "QTY"),
    39: ("OrdStatus", "CHAR", None, {"0": "New", "1": "PartiallyFilled", "2": "Filled", "3": "DoneForDay", "4": "Canceled",
                                      "5": "Replaced", "6": "PendingCancel", "7": "Stopped", "8": "Rejected", "9": "Suspended",
                                      "A": "PendingNew", "B": "Calculated", "C": "Expired", "D": "AcceptedForBidding",
                                      "E": "PendingReplace"}),
    40: ("OrdType", "CHAR", None, {"1": "Market", "2": "Limit", "3": "Stop", "4": "StopLimit"}),
    41: ("OrigClOrdID", "STRING"), 43: ("PossDupFlag", "BOOLEAN"), 44: ("Price", "PRICE"), 45: ("RefSeqNum", "SEQNUM"),
    47: ("Rule80A", "CHAR"), 48: ("SecurityID", "STRING"), 49: ("SenderCompID", "STRING"), 50: ("SenderSubID", "STRING"),
    52: ("SendingTime", "UTCTIMESTAMP"),
    54: ("Side", "CHAR", None, {"1": "Buy", "2": "Sell", "5": "SellShort", "6": "SellShortExempt"}),
    55: ("Symbol", "STRING"), 56: ("TargetCompID", "STRING"), 57: ("TargetSubID", "STRING"), 58: ("Text", "STRING"),
    59: ("TimeInForce", "CHAR", None, {"0": "Day", "1": "GoodTillCancel", "2": "AtTheOpening", "3": "ImmediateOrCancel",
                                        "4": "FillOrKill", "5": "GoodTillCrossing", "6": "GoodTillDate", "7": "AtTheClose"}),
    60: ("TransactTime", "STRING"), 64: ("SettlDate", "STRING", "FutSettDate"), 65: ("SymbolSfx", "STRING"),
    75: ("TradeDate", "STRING"), 76: ("ExecBroker", "STRING"),
    78: ("NoAllocs", "NUMINGROUP"), 79: ("AllocAccount", "STRING"), 80: ("AllocQty", "QTY", "AllocShares"), 89: ("Signature", "DATA"), 90: ("SecureDataLen", "LENGTH"),
    91: ("SecureData", "DATA"), 93: ("SignatureLength", "LENGTH"), 95: ("RawDataLength", "LENGTH"), 96: ("RawData", "DATA"),
    97: ("PossResend", "BOOLEAN"), 98: ("EncryptMethod", "INT"), 99: ("StopPx", "PRICE"), 100: ("ExDestination", "EXCHANGE"),
    102: ("CxlRejReason", "INT", None, {"0": "TooLateToCancel", "1": "UnknownOrder", "2": "BrokerOption",
                                         "3": "AlreadyPendingCancelOrReplace", "6": "DuplicateClOrdID", "99": "Other"}),
    103: ("OrdRejReason", "INT", None, {"0": "BrokerOption", "1": "UnknownSymbol", "2": "ExchangeClosed",
                                         "3": "OrderExceedsLimit", "4": "TooLateToEnter", "5": "UnknownOrder",
                                         "6": "DuplicateOrder", "11": "UnsupportedOrderCharacteristic", "99": "Other"}),
    108: ("HeartBtInt", "INT"), 110: ("MinQty", "QTY"), 111: ("MaxFloor", "QTY"), 112: ("TestReqID", "STRING"),
    115: ("OnBehalfOfCompID", "STRING"), 116: ("OnBehalfOfSubID", "STRING"), 122: ("OrigSendingTime", "UTCTIMESTAMP"),
    123: ("GapFillFlag", "BOOLEAN"), 126: ("ExpireTime", "STRING"), 128: ("DeliverToCompID", "STRING"),
    129: ("DeliverToSubID", "STRING"), 136: ("NoMiscFees", "NUMINGROUP"), 137: ("MiscFeeAmt", "AMT"),
    138: ("MiscFeeCurr", "CURRENCY"), 139: ("MiscFeeType", "STRING"), 141: ("ResetSeqNumFlag", "BOOLEAN"),
    142: ("SenderLocationID", "STRING"), 143: ("TargetLocationID", "STRING"), 146: ("NoRelatedSym", "NUMINGROUP"),
    150: ("ExecType", "CHAR", None, {"0": "New", "1": "PartialFill", "2": "Fill", "3": "DoneForDay", "4": "Canceled",
                                      "5": "Replaced", "6": "PendingCancel", "7": "Stopped", "8": "Rejected", "9": "Suspended",
                                      "A": "PendingNew", "B": "Calculated", "C": "Expired", "D": "Restated",
                                      "E": "PendingReplace", "F": "Trade", "G": "TradeCorrect", "H": "TradeCancel",
                                      "I": "OrderStatus"}),
    151: ("LeavesQty", "QTY"), 152: ("CashOrderQty", "QTY"), 167: ("SecurityType", "STRING"),
    168: ("EffectiveTime", "STRING"), 198: ("SecondaryOrderID", "STRING"), 207: ("SecurityExchange", "EXCHANGE"),
    262: ("MDReqID", "STRING"), 263: ("SubscriptionRequestType", "CHAR", None, {"0": "Snapshot", "1": "SnapshotAndUpdates",
                                                                                 "2": "Unsubscribe"}),
    264: ("MarketDepth", "INT"), 265: ("MDUpdateType", "INT"), 266: ("AggregatedBook", "BOOLEAN"),
    267: ("NoMDEntryTypes", "NUMINGROUP"), 268: ("NoMDEntries", "NUMINGROUP"),
    269: ("MDEntryType", "CHAR", None, {"0": "Bid", "1": "Offer", "2": "Trade", "4": "OpeningPrice", "5": "ClosingPrice",
                                         "7": "TradingSessionHighPrice", "8": "TradingSessionLowPrice"}),
    270: ("MDEntryPx", "PRICE"), 271: ("MDEntrySize", "QTY"), 272: ("MDEntryDate", "STRING"), 273: ("MDEntryTime", "STRING"),
    278: ("MDEntryID", "STRING"), 279: ("MDUpdateAction", "CHAR", None, {"0": "New", "1": "Change", "2": "Delete"}),
    281: ("MDReqRejReason", "CHAR"), 290: ("MDEntryPositionNo", "INT"), 337: ("ContraTrader", "STRING"),
    354: ("EncodedTextLen", "LENGTH"), 355: ("EncodedText", "DATA"), 369: ("LastMsgSeqNumProcessed", "SEQNUM"),
    371: ("RefTagID", "INT"), 372: ("RefMsgType", "STRING"),
    373: ("SessionRejectReason", "INT", None, {"0": "InvalidTagNumber", "1": "RequiredTagMissing",
                                                "2": "TagNotDefinedForThisMessageType", "3": "UndefinedTag",
                                                "4": "TagSpecifiedWithoutAValue", "5": "ValueIsIncorrect",
                                                "6": "IncorrectDataFormatForValue", "9": "CompIDProblem",
                                                "10": "SendingTimeAccuracyProblem", "11": "InvalidMsgType",
                                                "13": "TagAppearsMoreThanOnce", "99": "Other"}),
    375: ("ContraBroker", "STRING"), 378: ("ExecRestatementReason", "INT"), 379: ("BusinessRejectRefID", "STRING"),
    380: ("BusinessRejectReason", "INT", None, {"0": "Other", "1": "UnknownID", "2": "UnknownSecurity",
                                                 "3": "UnsupportedMessageType", "4": "ApplicationNotAvailable",
                                                 "5": "ConditionallyRequiredFieldMissing", "6": "NotAuthorized"}),
    381: ("GrossTradeAmt", "AMT"), 382: ("NoContraBrokers", "NUMINGROUP"), 383: ("MaxMessageSize", "LENGTH"),
    424: ("DayOrderQty", "QTY"), 425: ("DayCumQty", "QTY"), 426: ("DayAvgPx", "PRICE"), 432: ("ExpireDate", "STRING"),
    434: ("CxlRejResponseTo", "CHAR", None, {"1": "OrderCancelRequest", "2": "OrderCancelReplaceRequest"}),
    437: ("ContraTradeQty", "QTY"), 438: ("ContraTradeTime", "STRING"), 447: ("PartyIDSource", "CHAR"),
    448: ("PartyID", "STRING"), 452: ("PartyRole", "INT"), 453: ("NoPartyIDs", "NUMINGROUP"), 461: ("CFICode", "STRING"),
    464: ("TestMessageIndicator", "BOOLEAN"), 528: ("OrderCapacity", "CHAR"), 553: ("Username", "STRING"),
    554: ("Password", "STRING"), 636: ("WorkingIndicator", "BOOLEAN"), 655: ("ContraLegRefID", "STRING"),
    789: ("NextExpectedMsgSeqNum", "SEQNUM"), 797: ("CopyMsgIndicator", "BOOLEAN"),
}

FIX42_ONLY = {20, 47, 76}
FIX44_ONLY = {369, 424, 425, 426, 528, 636, 655, 789, 797}

HEADER = [(8, "Y"), (9, "Y"), (35, "Y"), (49, "Y"), (56, "Y"), (115, "N"), (128, "N"), (90, "N"), (91, "N"), (34, "Y"),
          (50, "N"), (142, "N"), (57, "N"), (143, "N"), (116, "N"), (129, "N"), (43, "N"), (97, "N"), (52, "Y"),
          (122, "N"), (369, "N")]
TRAILER = [(93, "N"), (89, "N"), (10, "Y")]

PARTIES = ("group", 453, [448, 447, 452])
CONTRA_BROKERS = ("group", 382, [375, 337, 437, 438, 655])
MISC_FEES = ("group", 136, [137, 138, 139])
ALLOCATIONS = ("group", 78, [79, 80])  # a block order's pre-allocation
INSTRUMENT = [55, 65, 48, 22, 207, 167, 461]

MESSAGES = [
    ("Heartbeat", "0", "admin", [112]),
    ("TestRequest", "1", "admin", [(112, "Y")]),
    ("ResendRequest", "2", "admin", [(7, "Y"), (16, "Y")]),
    ("Reject", "3", "admin", [(45, "Y"), 371, 372, 373, 58, 354, 355]),
    ("SequenceReset", "4", "admin", [123, (36, "Y")]),
    ("Logout", "5", "admin", [58, 354, 355]),
    ("Logon", "A", "admin", [(98, "Y"), (108, "Y"), 95, 96, 141, 789, 383, 464, 553, 554]),
    ("ExecutionReport", "8", "app",
     [37, 198, 11, 41, 17, 20, 19, 150, 378, 39, 636, 103, 1, PARTIES, CONTRA_BROKERS] + INSTRUMENT +
     [54, 38, 152, 40, 44, 99, 15, 59, 432, 126, 18, 47, 528, 29, 32, 31, 30, 151, 14, 6, 424, 425, 426, 60, 75, 64,
      12, 13, 381, 76, 21, 110, 111, 100, 58, 354, 355, 797, MISC_FEES]),
    ("OrderCancelReject", "9", "app", [37, 198, 11, 41, 39, 636, 1, 60, 434, 102, 58, 354, 355]),
    ("NewOrderSingle", "D", "app",
     [11, 1, ALLOCATIONS, PARTIES, 21, 18, 110, 111, 100] + INSTRUMENT +
     [54, 60, 38, 152, 40, 44, 99, 15, 59, 168, 432, 126, 47, 528, 58, 354, 355]),
    ("OrderCancelRequest", "F", "app", [41, 37, 11, 1, PARTIES] + INSTRUMENT + [54, 60, 38, 58, 354, 355]),
    ("OrderCancelReplaceRequest", "G", "app",
     [37, 41, 11, 1, ALLOCATIONS, PARTIES, 21, 18, 110, 111, 100] + INSTRUMENT +
     [54, 60, 38, 152, 40, 44, 99, 15, 59, 168, 432, 126, 47, 528, 58, 354, 355]),
    ("OrderStatusRequest", "H", "app", [37, 11, 1] + INSTRUMENT + [54]),
    ("MarketDataRequest", "V", "app",
     [262, 263, 264, 265, 266, ("group", 267, [269]), ("group", 146, INSTRUMENT)]),
    ("MarketDataSnapshotFullRefresh", "W", "app",
     [262] + INSTRUMENT + [("group", 268, [269, 270, 271, 272, 273, 290])]),
    ("MarketDataIncrementalRefresh", "X", "app",
     [262, ("group", 268, [279, 269, 278] + INSTRUMENT + [270, 271, 272, 273, 290])]),
    ("MarketDataRequestReject", "Y", "app", [262, 281, 58]),
    ("BusinessMessageReject", "j", "app", [45, 372, 379, 380, 58, 354, 355]),
]


def field_name(tag, version):
    entry = FIELDS[tag]
    if version == "4.2" and len(entry) > 2 and entry[2]:
        return entry[2]
    return entry[0]


def available(tag, version):
    return not ((version == "4.2" and tag in FIX44_ONLY) or (version == "4.4" and tag in FIX42_ONLY))


def field_xml(item, version, indent):
    if isinstance(item, tuple) and item[0] == "group":
        _, count, members = item
        if not available(count, version):
            return []
        first, rest = members[0], members[1:]
        lines = [f'{indent}<group name="{field_name(count, version)}" required="N">',
                 f'{indent}  <field name="{field_name(first, version)}" required="Y"/>']
        for member in rest:
            lines += field_xml(member, version, indent + "  ")
        lines.append(f"{indent}</group>")
        return lines
    tag, required = item if isinstance(item, tuple) else (item, "N")
    if not available(tag, version):
        return []
    return [f'{indent}<field name="{field_name(tag, version)}" required="{required}"/>']


def used_tags(version):
    tags = set(t for t, _ in HEADER + TRAILER)
    def walk(items):
        for item in items:
            if isinstance(item, tuple) and item[0] == "group":
                tags.add(item[1]); walk(item[2])
            else:
                tags.add(item[0] if isinstance(item, tuple) else item)
    for _, _, _, body in MESSAGES:
        walk(body)
    return sorted(t for t in tags if available(t, version))


def dictionary(version):
    major, minor = version.split(".")
    out = ["<!-- Generated by scripts/generate-fix-dictionaries.py: edit the script, not this file. -->",
           f'<fix major="{major}" minor="{minor}" servicepack="0" type="FIX">', "  <header>"]
    for item in HEADER:
        out += field_xml(item, version, "    ")
    out += ["  </header>", "  <trailer>"]
    for item in TRAILER:
        out += field_xml(item, version, "    ")
    out += ["  </trailer>", "  <messages>"]
    for name, msgtype, category, body in MESSAGES:
        out.append(f'    <message name="{name}" msgtype="{msgtype}" msgcat="{category}">')
        for item in body:
            out += field_xml(item, version, "      ")
        out.append("    </message>")
    out += ["  </messages>", "  <components>", "  </components>", "  <fields>"]
    for tag in used_tags(version):
        out.append(f'    <field number="{tag}" name="{field_name(tag, version)}" type="{FIELDS[tag][1]}"/>')
    out += ["  </fields>", "</fix>", ""]
    return "\n".join(out)


def cpp_table():
    out = ["// Generated by scripts/generate-fix-dictionaries.py: edit the script, not this file.",
           "// {tag, name, values} with values as \"code=Name|code=Name\"."]
    for tag in sorted(FIELDS):
        entry = FIELDS[tag]
        values = entry[3] if len(entry) > 3 else {}
        encoded = "|".join(f"{k}={v}" for k, v in values.items())
        out.append(f'{{{tag}, "{entry[0]}", "{encoded}"}},')
    return "\n".join(out) + "\n"


def cpp_names():
    out = ["// Generated by scripts/generate-fix-dictionaries.py: edit the script, not this file.",
           "#pragma once", "",
           "/// FIX tags by their FIX 4.4 names, so that code says fixtag::ClOrdID, not 11.",
           "namespace ob::fixtag {"]
    for tag in sorted(FIELDS):
        out.append(f"inline constexpr int {FIELDS[tag][0]} = {tag};")
    out += ["}  // namespace ob::fixtag", "",
            "/// MsgType (35) values by name.", "namespace ob::msgtype {"]
    for code, name in FIELDS[35][3].items():
        out.append(f'inline constexpr char {name}[] = "{code}";')
    out += ["}  // namespace ob::msgtype", ""]
    return "\n".join(out)


def write(path, text):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)
    print("wrote", path)


write("resources/fix/FIX42.xml", dictionary("4.2"))
write("resources/fix/FIX44.xml", dictionary("4.4"))
write("core/fix/fixtags.inc", cpp_table())
write("core/fix/fixtags.h", cpp_names())
