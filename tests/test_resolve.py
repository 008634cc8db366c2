"""Within-document resolution: name forms, the gazetteer's states and forces, and the nominal rules."""
import pytest

from actor_stance.gazetteer import Gazetteer
from actor_stance.resolve import dateline_state, name_form, resolve
from actor_stance.sentences import Sentence
from actor_stance.tagging import make_mention

WORLD_ENTRIES = [
    {"name": "Thailand", "aliases": ["Bangkok", "Thai government", "Thai authorities"], "kind": "group"},
    {"name": "Royal Thai Armed Forces", "aliases": ["Thai army", "Thai troops", "Thai military"], "kind": "group"},
    {"name": "Cambodia", "aliases": ["Phnom Penh", "Cambodian government"], "kind": "group"},
    {"name": "United States", "aliases": ["US", "U.S.", "Washington", "US government"], "kind": "group"},
    {"name": "Hamas", "aliases": [], "kind": "group"},
    {"name": "Libya", "aliases": ["Libyan government"], "kind": "group"},
    {"name": "Khalifa Haftar", "aliases": ["Haftar"], "kind": "person", "roles": ["general"],
     "forces": "Libyan National Army"},
    {"name": "Robert Mugabe", "aliases": [], "kind": "person"},
    {"name": "Viv Ansanm", "aliases": [], "kind": "group", "roles": ["gang"]},
    {"name": "JNIM", "aliases": [], "kind": "group", "roles": ["terrorist", "group"]},
    {"name": "Thai Defence Ministry", "aliases": [], "kind": "group"},
]
WORLD = Gazetteer.from_entries(WORLD_ENTRIES)


@pytest.mark.parametrize("text, expected", [
    ("Iraqi President Saddam Hussein", "Saddam Hussein"), ("South African leader F.W. de Klerk", "F.W. de Klerk"),
    ("Secretary-General Ban Ki-moon", "Ban Ki-moon"), ("Mozambique's Chapo", "Chapo"),
    ("the party's leader Mahmoud Abbas", "Mahmoud Abbas"), ("Pope Francis", "Pope Francis"),
    ("President Hassan Sheikh Mohamud", "Hassan Sheikh Mohamud"), ("Sheikh Hikmat al-Hijri", "Hikmat al-Hijri"),
    ("Lieutenant-General Johnny Luboya", "Johnny Luboya"), ("Commodore Jay Tarriela", "Jay Tarriela"),
])
def test_a_persons_name_form_drops_titles_and_descriptions(text, expected):
    assert name_form(text, "person") == expected


def test_a_groups_name_form_drops_leading_descriptions():
    assert name_form("the Algeria-backed Polisario Front", "group") == "Polisario Front"
    assert name_form("the so-called Libyan National Army (LNA)", "group") == "Libyan National Army"
    assert name_form("Roman Catholic Diocese of San Cristóbal de las Casas", "group") == \
        "Roman Catholic Diocese of San Cristóbal de las Casas"  # "las" is a particle, no description
    assert name_form("the 444th Brigade", "group") == "444th Brigade"  # a unit keeps its number


def test_states_and_their_forces_come_from_the_aliases():
    assert WORLD.state("Thai").name == "Thailand" and WORLD.state("U.S.").name == "United States"
    assert WORLD.is_state("Cambodia") and not WORLD.is_state("Hamas")
    assert WORLD.forces_of("Thailand").name == "Royal Thai Armed Forces" and WORLD.forces_of("Cambodia") is None
    assert WORLD.is_forces("the Thai army")
    assert WORLD.state_of_forces("Thai troops") == "Thailand" and WORLD.state_of_forces("Thailand") is None


def _resolved_list(sentences, spans, home=None, gazetteer=WORLD):
    """The resolved mentions, in document order (``home``: the dateline's state)."""
    mentions, start = [], 0
    for index, (text, marked) in enumerate(zip(sentences, spans)):
        sentence = Sentence(index, start, start + len(text), text)
        previous = None
        for phrase, mtype in marked:
            offset = text.index(phrase)
            previous = make_mention(sentence, offset, offset + len(phrase), mtype, gazetteer, previous)
            mentions.append(previous)
        start += len(text) + 1
    return resolve(mentions, gazetteer, home=home)


def _resolved(sentences: list[str], spans: list[list[tuple[str, str]]], home=None, gazetteer=WORLD):
    """Resolve hand-given mentions (phrase, type) over consecutive sentences; returns {phrase: actor}."""
    return {m.text: m.actor for m in _resolved_list(sentences, spans, home, gazetteer)}


def test_officials_and_governments_stand_for_their_state():
    actors = _resolved(
        ["U.S. officials met Thai authorities in Bangkok.", "The government said it would keep talking."],
        [[("U.S. officials", "nominal"), ("Thai authorities", "nominal")], [("The government", "nominal")]])
    assert actors["U.S. officials"] == "United States" and actors["Thai authorities"] == "Thailand"
    assert actors["The government"] == "Thailand"  # the state just named


def test_armed_nominals_name_a_states_forces_or_the_group():
    actors = _resolved(
        ["Thailand said Thai troops and Hamas fighters were near.", "The army said it was ready."],
        [[("Thailand", "name"), ("Thai troops", "nominal"), ("Hamas fighters", "nominal")],
         [("The army", "nominal")]])
    assert actors["Thai troops"] == "Royal Thai Armed Forces" and actors["Hamas fighters"] == "Hamas"
    assert actors["The army"] == "Royal Thai Armed Forces"


def test_a_joint_reference_names_the_two_actors_in_article_order():
    actors = _resolved(["Thailand and Cambodia clashed.", "Washington urged both sides to stop."],
                       [[("Thailand", "name"), ("Cambodia", "name")], [("Washington", "name"), ("both sides", "nominal")]])
    assert actors["both sides"] == "Thailand and Cambodia"


def test_a_joint_reference_is_not_the_actors_who_address_it():
    # The pair named together is the one calling on the sides; the sides are the two the article names most,
    # a state's forces counted as the state.
    sentences = ["Thailand shelled Cambodia.", "The Thai army said Cambodia fired first.",
                 "Hamas and the United States urged the warring parties to stop.",
                 "Washington urged both leaders to talk."]
    spans = [[("Thailand", "name"), ("Cambodia", "name")], [("The Thai army", "nominal"), ("Cambodia", "name")],
             [("Hamas", "name"), ("the United States", "name"), ("the warring parties", "nominal")],
             [("Washington", "name"), ("both leaders", "nominal")]]
    actors = _resolved(sentences, spans)
    assert actors["the warring parties"] == "Thailand and Cambodia"
    assert actors["both leaders"] == "both leaders"  # no two people named: the phrase names itself
    people = _resolved(["Khalifa Haftar met Robert Mugabe.", "Washington urged both leaders to talk."],
                       [[("Khalifa Haftar", "name"), ("Robert Mugabe", "name")],
                        [("Washington", "name"), ("both leaders", "nominal")]])
    assert people["both leaders"] == "Khalifa Haftar and Robert Mugabe"


def test_the_longest_form_names_a_group_it_begins():
    actors = _resolved(["The Polisario Front said on Monday it would fight.", "The Polisario said it had struck."],
                       [[("The Polisario Front", "name")], [("The Polisario", "name")]])
    assert actors["The Polisario"] == "Polisario Front"


def test_a_leaders_we_is_the_state_and_a_commanders_we_its_forces():
    resolved = _resolved_list(
        ["Thailand closed the border.", "Thai officials met Cambodia.",
         '"We will defend our land," President Anutin said.', '"We are ready," Lieutenant General Somkiat said.'],
        [[("Thailand", "name")], [("Thai officials", "nominal"), ("Cambodia", "name")],
         [("We", "pronoun"), ("President Anutin", "name")],
         [("We", "pronoun"), ("Lieutenant General Somkiat", "name")]])
    we = [m.actor for m in resolved if m.text == "We"]
    assert we == ["Thailand", "Royal Thai Armed Forces"]  # the state the report is about; a commander's forces


def test_the_government_far_from_any_state_is_the_reports_main_state():
    actors = _resolved(
        ["Thailand and its army closed the border.", "Thailand said so.", "Residents fled.", "Shops shut.",
         "Schools shut.", "The government said talks would resume."],
        [[("Thailand", "name")], [("Thailand", "name")], [], [], [], [("The government", "nominal")]])
    assert actors["The government"] == "Thailand"


def test_the_gazetteers_forces_come_before_a_nationality_met_earlier():
    resolved = _resolved_list(["A renegade Libyan general ordered an advance.", '"We continue," said Haftar.'],
                              [[("A renegade Libyan general", "nominal")], [("We", "pronoun"), ("Haftar", "name")]])
    assert [m.actor for m in resolved if m.text == "We"] == ["Libyan National Army"]


def test_a_surname_alone_is_the_one_gazetteer_person_of_that_name():
    actors = _resolved(["President Mugabe spoke."], [[("President Mugabe", "name")]])
    assert actors["President Mugabe"] == "Robert Mugabe"
    twins = Gazetteer.from_entries([{"name": "Ali Khan", "kind": "person"}, {"name": "Imran Khan", "kind": "person"}])
    assert twins.person_by_surname("Khan") is None and twins.person_by_surname("khan") is None


def test_ministers_embassies_and_factions_stand_for_who_modifies_them():
    actors = _resolved(
        ["A Thai minister, the U.S. embassy and the Hamas militant faction spoke, and NATO-member Libya agreed."],
        [[("A Thai minister", "nominal"), ("the U.S. embassy", "nominal"), ("the Hamas militant faction", "nominal"),
          ("NATO-member Libya", "name")]])
    assert actors == {"A Thai minister": "Thailand", "the U.S. embassy": "United States",
                      "the Hamas militant faction": "Hamas", "NATO-member Libya": "Libya"}


def test_a_glossed_group_name_is_the_gazetteers_group():
    actors = _resolved(["The Hamas (Islamic Resistance Movement) group said so."],
                       [[("The Hamas (Islamic Resistance Movement) group", "name")]])
    assert actors["The Hamas (Islamic Resistance Movement) group"] == "Hamas"


def test_a_pronoun_after_a_reporting_verb_is_its_subject():
    mentions = _resolved_list(
        ["The European Union, which signed a pact with Tunisia, said it was following events.",
         "Police in Tunis said they had detained eight members of Hamas."],
        [[("The European Union", "name"), ("Tunisia", "name"), ("it", "pronoun")],
         [("Police in Tunis", "nominal"), ("they", "pronoun"), ("Hamas", "name")]])
    pronouns = [m.actor for m in mentions if m.type == "pronoun"]
    assert pronouns[0] == "European Union"  # not Tunisia, the nearest name
    assert pronouns[1] == mentions[3].actor  # the police of the second sentence


def test_a_description_in_lower_case_before_a_name_is_no_part_of_it():
    assert name_form("Human rights organization Amnesty International", "group") == "Amnesty International"
    assert name_form("Hezbollah lawmaker Hassan Fadlallah", "group") == "Hassan Fadlallah"
    assert name_form("The Syrian army's Fourth Division", "group") == "Syrian army's Fourth Division"  # possessive
    assert name_form("M23 rebel group", "group") == "M23 rebel group"  # no name after the description


def test_a_misspelt_name_is_the_gazetteer_actor_one_slip_away():
    gazetteer = Gazetteer.from_entries([
        {"name": "Ethiopia", "aliases": ["Addis Ababa"]}, {"name": "Nicolas Maduro", "kind": "person"},
        {"name": "Iran"}])
    assert gazetteer.close_match("Ethopia").name == "Ethiopia"
    assert gazetteer.close_match("Addis Abbaba").name == "Ethiopia"
    assert gazetteer.close_match("Nicolás Maduro") is None  # an accent is the article's spelling, not a slip
    assert gazetteer.close_match("Iraq") is None  # too short to tell a slip from another name
    sentence = Sentence(0, 0, 30, "Ethopia closed its border.")
    mentions = [make_mention(sentence, 0, 7, "name", gazetteer), make_mention(sentence, 15, 18, "pronoun", gazetteer)]
    assert [m.actor for m in resolve(mentions, gazetteer)] == ["Ethiopia", "Ethiopia"]


def test_weapons_stand_for_their_forces_and_a_nationality_pair_for_both_states():
    actors = _resolved(
        ["Thai tanks and Hamas drones moved, and Thai and Cambodian warships sailed; warplanes flew."],
        [[("Thai tanks", "nominal"), ("Hamas drones", "nominal"), ("Thai and Cambodian warships", "nominal"),
          ("warplanes", "nominal")]])
    assert actors["Thai tanks"] == "Royal Thai Armed Forces"
    assert actors["Hamas drones"] == "Hamas"  # a group's weapons are the group's
    assert actors["Thai and Cambodian warships"] == "Thailand and Cambodia"
    assert actors["warplanes"] == "warplanes"  # no owner named


def test_military_officials_speak_for_the_forces_and_a_nations_leaders_for_the_state():
    actors = _resolved(
        ["Thai army officials, Thai leaders and Hamas leaders met.",
         "Thailand's military government and a government spokesman said so."],
        [[("Thai army officials", "nominal"), ("Thai leaders", "nominal"), ("Hamas leaders", "nominal")],
         [("Thailand's military government", "nominal"), ("a government spokesman", "nominal")]])
    assert actors["Thai army officials"] == "Royal Thai Armed Forces"
    assert actors["Thai leaders"] == "Thailand" and actors["Hamas leaders"] == "Hamas"
    assert _resolved(["Thai rebel leaders met."], [[("Thai rebel leaders", "nominal")]]) == {
        "Thai rebel leaders": "Thai rebel leaders"}  # rebels' leaders are not the state's
    assert actors["Thailand's military government"] == "Thailand"  # a government, whoever runs it
    assert actors["a government spokesman"] == "Thailand"


def test_his_country_is_the_state_of_the_person():
    actors = _resolved(["Cambodian Prime Minister Hun Manet said his country wanted peace."],
                       [[("Cambodian Prime Minister Hun Manet", "name"), ("his country", "nominal")]])
    assert actors["his country"] == "Cambodia"


def test_the_longest_form_that_the_gazetteer_named_carries_its_name():
    gazetteer = Gazetteer.from_entries([{"name": "North Korea", "aliases": ["North Korean government"],
                                         "kind": "group"}])
    sentence = Sentence(0, 0, 60, "North Korean batteries fired, and the North said so.")
    mentions = [make_mention(sentence, 0, 22, "nominal", gazetteer), make_mention(sentence, 34, 43, "name", gazetteer)]
    resolved = {m.text: m.actor for m in resolve(mentions, gazetteer)}
    assert resolved["the North"] == "North Korea"


def test_the_dateline_names_the_state_of_a_report_that_names_none():
    from actor_stance.resolve import dateline_state

    assert dateline_state("BANGKOK, Jan 6 - The government said so.", WORLD) == "Thailand"
    assert dateline_state("PHNOM PENH, Cambodia, Dec 10 - Troops left.", WORLD) == "Cambodia"
    assert dateline_state("WASHINGTON (Reuters) - Talks resumed.", WORLD) == "United States"
    assert dateline_state("The government said so on Jan 6 - again.", WORLD) is None
    # after a headline, whose last capitalised word may run into the city
    assert dateline_state("Thailand imposes martial law after clash BANGKOK, July 25 - Troops...", WORLD) == "Thailand"
    assert dateline_state("Talks on arms sales to resume in US WASHINGTON, Jan 5 - Officials...", WORLD) \
        == "United States"
    sentence = Sentence(0, 0, 60, "BANGKOK, Jan 6 - The government and the city government met.")
    mentions = [make_mention(sentence, 17, 31, "nominal", WORLD), make_mention(sentence, 36, 55, "nominal", WORLD)]
    actors = [m.actor for m in resolve(mentions, WORLD, home=dateline_state(sentence.text, WORLD))]
    assert actors == ["Thailand", "city government"]  # a city's government is not the country's


def test_an_unnamed_states_general_commands_the_datelines_forces_not_the_rebels_just_named():
    actors = _resolved(
        ["Troops retook the mine from rebels of the Military Council for the Salvation of the Republic.",
         "The chief of staff, General Somchai Kosit, said his troops were chasing the rebels."],
        [[("Troops", "nominal"), ("rebels of the Military Council for the Salvation of the Republic", "nominal")],
         [("The chief of staff", "nominal"), ("General Somchai Kosit", "name"), ("his troops", "nominal")]],
        home="Thailand")
    assert actors["his troops"] == "Royal Thai Armed Forces"


def test_its_is_one_organisation_named_by_a_singular_nominal_too():
    actors = _resolved(["Thailand said the rebels had crossed.", "The Thai army reinforced its garrison."],
                       [[("Thailand", "name"), ("the rebels", "nominal")],
                        [("The Thai army", "nominal"), ("its garrison", "nominal")]])
    assert actors["its garrison"] == "Royal Thai Armed Forces"  # not the plural rebels named before


def test_one_soldier_is_a_person_not_the_organisation_its_refers_to():
    actors = _resolved(["Hamas said any foreign soldier entering its territory would be killed."],
                       [[("Hamas", "name"), ("any foreign soldier", "nominal"), ("its", "pronoun")]])
    assert actors["its"] == "Hamas"


def test_government_forces_are_the_storys_state_forces_not_the_armed_group_just_named():
    sentences = ["The Rapid Support Forces attacked the border post.", "Government forces repelled the attack."]
    spans = [[("The Rapid Support Forces", "name")], [("Government forces", "nominal")]]
    assert _resolved(sentences, spans, home="Thailand")["Government forces"] == "Royal Thai Armed Forces"
    sentences[1] = "Pro-government forces repelled the attack."  # allied militias, not the army
    spans[1] = [("Pro-government forces", "nominal")]
    assert _resolved(sentences, spans, home="Thailand")["Pro-government forces"] != "Royal Thai Armed Forces"


def test_a_gang_or_rebel_commander_is_not_the_states_forces():
    actors = _resolved(["A gang commander said Rebel troops and the Gang Suppression Force had clashed."],
                       [[("A gang commander", "nominal"), ("Rebel troops", "nominal"),
                         ("the Gang Suppression Force", "name")]], home="Thailand")
    assert actors["A gang commander"] == "gang commander" and actors["Rebel troops"] != "Royal Thai Armed Forces"


def test_an_unnamed_un_mission_is_the_one_the_gazetteer_places_in_the_storys_state():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Mali", "aliases": ["Malian government"], "kind": "group"},
        {"name": "MINUSMA", "aliases": ["United Nations Multidimensional Integrated Stabilization Mission in Mali"],
         "kind": "group"}])
    sentences, spans = ["The junta expelled the UN mission in 2023."], [[("the UN mission", "nominal")]]
    assert _resolved(sentences, spans, home="Mali", gazetteer=world)["the UN mission"] == "MINUSMA"
    assert _resolved(sentences, spans, home="Thailand", gazetteer=world)["the UN mission"] != "MINUSMA"


def test_the_warring_parties_are_the_two_sides_that_fight_not_the_red_cross():
    red_cross = "The International Committee of the Red Cross"
    actors = _resolved(
        ["Thailand shelled the border.", "Cambodia said it would respond.", f"{red_cross} sent a team.",
         f"{red_cross} reminded both warring parties of the rules."],
        [[("Thailand", "name")], [("Cambodia", "name")], [(red_cross, "name")],
         [(red_cross, "name"), ("both warring parties", "nominal")]])
    assert actors["both warring parties"] == "Thailand and Cambodia"


def test_a_possessive_or_state_noun_after_said_belongs_to_the_reporting_subject():
    # The nearest earlier group (Hamas) is not the one whose troops these are: the subject of "said" is.
    out = _resolved(["Hamas fired rockets.", "The Thai military said its troops had crossed."],
                    [[("Hamas", "name")], [("The Thai military", "nominal"), ("its troops", "nominal")]])
    assert out["its troops"] == "Royal Thai Armed Forces"
    out = _resolved(["Thai Foreign Minister Maris Sangiampongsa praised Washington for its help and said the kingdom "
                     "was ready to talk."],
                    [[("Thai Foreign Minister Maris Sangiampongsa", "name"), ("Washington", "name"),
                      ("the kingdom", "nominal")]])
    assert out["the kingdom"] == "Thailand"


def test_a_defence_ministrys_soldiers_are_its_states_forces():
    out = _resolved(["Thailand's defence ministry said its soldiers had acted in self-defence."],
                    [[("Thailand's defence ministry", "nominal"), ("its soldiers", "nominal")]])
    assert out["its soldiers"] == "Royal Thai Armed Forces"


def test_the_force_is_the_force_the_report_names_not_the_datelines_army():
    sentences = ["BANGKOK, Jan 6 - The Gang Suppression Force landed.", "The force said it would stay."]
    out = _resolved(sentences, [[("The Gang Suppression Force", "name")], [("The force", "nominal")]],
                    home=dateline_state(sentences[0], WORLD))
    assert out == {"The Gang Suppression Force": "Gang Suppression Force", "The force": "Gang Suppression Force"}


def test_a_president_named_without_a_state_speaks_for_the_datelines_state():
    # The report names Thailand, but "we" in the quote of an unqualified president is the dateline's Cambodia.
    sentences = ["PHNOM PENH, Jan 6 - Thailand fired first.", '"We will respond," President Hun Sen said.']
    out = _resolved(sentences, [[("Thailand", "name")], [("We", "pronoun"), ("President Hun Sen", "name")]],
                    home=dateline_state(sentences[0], WORLD))
    assert out["We"] == "Cambodia"


def test_the_army_of_a_datelined_report_is_the_datelines_states():
    sentences = ["BANGKOK, Jan 6 - Cambodia protested.", "The army said it would hold."]
    out = _resolved(sentences, [[("Cambodia", "name")], [("The army", "nominal")]],
                    home=dateline_state(sentences[0], WORLD))
    assert out == {"Cambodia": "Cambodia", "The army": "Royal Thai Armed Forces"}


def test_the_attackers_are_the_armed_men_just_described():
    out = _resolved(["Some 30 heavily armed men stormed a village.", "Police said the attackers fled."],
                    [[("Some 30 heavily armed men", "nominal")], [("the attackers", "nominal")]])
    assert out["the attackers"] == out["Some 30 heavily armed men"] == "Some 30 heavily armed men"


def test_a_phrase_named_as_itself_drops_its_acronym_and_a_leading_led_modifier():
    for phrase, name in [("The UN mission for the referendum in Western Sahara (MINURSO)",
                          "UN mission for the referendum in Western Sahara"),
                         ("The Kenyan-led Multinational Security Support mission",
                          "Multinational Security Support mission"),
                         ("The US-led coalition", "US-led coalition")]:
        assert _resolved([phrase + " said so."], [[(phrase, "nominal")]]) == {phrase: name}


def test_a_name_that_ends_in_another_after_of_is_not_its_longer_form():
    out = _resolved(["Colonel Tariq Jadoon of the Frontier Corps spoke.", "The Frontier Corps said it had moved."],
                    [[("Colonel Tariq Jadoon of the Frontier Corps", "name")], [("The Frontier Corps", "name")]])
    assert out["The Frontier Corps"] == "Frontier Corps"


def test_saying_it_and_what_it_called_point_to_the_sentences_subject():
    out = _resolved(["Thailand urged Cambodia to halt strikes, saying it expected calm."],
                    [[("Thailand", "name"), ("Cambodia", "name"), ("it", "pronoun")]])
    assert out["it"] == "Thailand"
    out = _resolved(["Thailand asked Washington to press Cambodia to end what it called provocations."],
                    [[("Thailand", "name"), ("Washington", "name"), ("Cambodia", "name"), ("it", "pronoun")]])
    assert out["it"] == "Thailand"


def test_an_object_pronoun_is_not_its_clauses_subject():
    mentions = _resolved_list(["Robert Mugabe refused to meet Khalifa Haftar, saying he would not see him."],
                              [[("Robert Mugabe", "name"), ("Khalifa Haftar", "name"), ("he", "pronoun"),
                                ("him", "pronoun")]])
    assert [m.actor for m in mentions] == ["Robert Mugabe", "Khalifa Haftar", "Robert Mugabe", "Khalifa Haftar"]


def test_a_groups_fighters_named_with_a_state_are_the_groups():
    out = _resolved(["Libya's Hamas fighters said so."], [[("Libya's Hamas fighters", "nominal")]])
    assert out["Libya's Hamas fighters"] == "Hamas"


def test_a_name_given_family_name_first_is_the_one_person_it_starts():
    out = _resolved(["South Korean minister Kang Young-hoon met Yon Hyong-muk.", "Kang proposed talks."],
                    [[("South Korean minister Kang Young-hoon", "name"), ("Yon Hyong-muk", "name")],
                     [("Kang", "name")]])
    assert out["Kang"] == "Kang Young-hoon"


def test_un_peacekeepers_are_the_un_mission_the_report_names():
    world = Gazetteer.from_entries([{"name": "UNIFIL", "aliases": ["United Nations Interim Force in Lebanon"],
                                     "kind": "group"}, {"name": "Hezbollah", "aliases": [], "kind": "group"}])
    sentence = Sentence(0, 0, 80, "UNIFIL said Hezbollah fired. UN peacekeepers and the mission stayed.")
    texts = ["UNIFIL", "Hezbollah", "UN peacekeepers", "the mission"]
    mentions = [make_mention(sentence, sentence.text.index(t), sentence.text.index(t) + len(t),
                             "name" if t[0].isupper() and " " not in t else "nominal", world) for t in texts]
    assert [m.actor for m in resolve(mentions, world)] == ["UNIFIL", "Hezbollah", "UNIFIL", "UNIFIL"]


def test_a_plural_nominal_is_the_actor_whose_gazetteer_role_it_names():
    # Roles are singular in the gazetteer ("gang", "terrorist"); the plural nominal names the same actor.
    actors = _resolved(
        ["Police said the gangs had burned the market.", "Viv Ansanm said it was not to blame.",
         "JNIM claimed the attack.", "The army vowed to hunt down the terrorists."],
        [[("Police", "nominal"), ("the gangs", "nominal")], [("Viv Ansanm", "name")], [("JNIM", "name")],
         [("The army", "nominal"), ("the terrorists", "nominal")]])
    assert actors["the gangs"] == "Viv Ansanm"
    assert actors["the terrorists"] == "JNIM"
    actors = _resolved(["JNIM claimed the attack.", "The army vowed to fight all militant groups in the region."],
                       [[("JNIM", "name")], [("The army", "nominal"), ("all militant groups", "nominal")]])
    assert actors["all militant groups"] != "JNIM"  # a generic role ("group") names no one group


def test_his_men_are_the_group_their_commander_is_introduced_with():
    actors = _resolved(["A Hamas commander in Gaza, Abu Khaled, said his men would fight on."],
                       [[("A Hamas commander in Gaza", "nominal"), ("Abu Khaled", "name"), ("his men", "nominal")]])
    assert actors["his men"] == "Hamas"
    actors = _resolved(["A Hamas commander denied that his men had crossed the line."],
                       [[("A Hamas commander", "nominal"), ("his men", "nominal")]])
    assert actors["his men"] == "Hamas"


def test_the_enemy_in_a_quote_is_the_speakers_opponent():
    actors = _resolved(
        ["Thailand and Cambodia traded fire on the border.", "Thailand accused Cambodia of shelling villages.",
         "\"The enemy will pay,\" Thai Prime Minister Anutin Charnvirakul said."],
        [[("Thailand", "name"), ("Cambodia", "name")], [("Thailand", "name"), ("Cambodia", "name")],
         [("The enemy", "nominal"), ("Thai Prime Minister Anutin Charnvirakul", "name")]])
    assert actors["The enemy"] == "Cambodia"


def test_an_envoy_speaks_for_the_state_that_sends_them_not_the_body_they_are_sent_to():
    actors = _resolved(["\"We will not give up,\" Cambodia's envoy to the United States, Chea Kean, told reporters."],
                       [[("We", "pronoun"), ("Cambodia's envoy to the United States", "nominal"),
                         ("Chea Kean", "name")]])
    assert actors["We"] == "Cambodia"


def test_plural_unit_nouns_are_a_states_forces_like_troops():
    actors = _resolved(["Thai armoured divisions moved north as Thai patrols and Cambodia's border brigades dug in."],
                       [[("Thai armoured divisions", "nominal"), ("Thai patrols", "nominal"),
                         ("Cambodia's border brigades", "nominal")]])
    assert actors["Thai armoured divisions"] == "Royal Thai Armed Forces"
    assert actors["Thai patrols"] == "Royal Thai Armed Forces"


def test_a_capitalised_common_noun_inside_a_name_is_no_actor_of_its_own():
    # "Junta leader ..." holds no actor called "Junta": the junta is the government of the dateline's state
    actors = _resolved(["Junta leader General Assimi Goita spoke on television.", "The junta said it would not talk."],
                       [[("Junta leader General Assimi Goita", "name")], [("The junta", "nominal")]], home="Libya")
    assert actors["The junta"] == "Libya"


def test_a_number_with_a_thousands_comma_keeps_the_head_noun():
    actors = _resolved(["The Thai army said it had moved more than 30,000 troops to the border."],
                       [[("The Thai army", "nominal"), ("more than 30,000 troops", "nominal")]])
    assert actors["more than 30,000 troops"] == "Royal Thai Armed Forces"


def test_a_ministry_is_the_reports_states_by_kind_and_a_named_one_is_itself():
    actors = _resolved(["The defence ministry said troops were on alert.", "The Cambodian foreign ministry protested."],
                       [[("The defence ministry", "nominal"), ("troops", "nominal")],
                        [("The Cambodian foreign ministry", "nominal")]], home="Thailand")
    assert actors["The defence ministry"] == "Thai Defence Ministry"  # the gazetteer's, for the dateline's state
    assert actors["The Cambodian foreign ministry"] == "Cambodian foreign ministry"  # not the defence ministry


def test_an_armed_group_with_authorities_is_no_state():
    world = Gazetteer.from_entries([
        {"name": "Israel", "aliases": ["Israeli government"], "kind": "group"},
        {"name": "Hamas", "aliases": ["Hamas authorities"], "kind": "group", "roles": ["militant"]}])
    assert world.is_state("Israel") and not world.is_state("Hamas")


def test_an_unqualified_army_spokesman_speaks_for_the_datelines_army():
    actors = _resolved(
        ["Thai troops fought Cambodian troops near the temple.",
         "\"Our units are moving forward,\" army spokesman Major General Pongsak Thanomwong said."],
        [[("Thai troops", "nominal"), ("Cambodian troops", "nominal")],
         [("Our units", "nominal"), ("army spokesman Major General Pongsak Thanomwong", "name")]], home="Thailand",
        gazetteer=Gazetteer.from_entries(WORLD_ENTRIES + [
            {"name": "Royal Cambodian Armed Forces", "aliases": ["Cambodian troops"], "kind": "group"}]))
    assert actors["Our units"] == "Royal Thai Armed Forces"  # not the Cambodian troops named last


def test_the_government_of_a_state_named_only_in_someones_title():
    actors = _resolved(["Thai Prime Minister Anutin Charnvirakul extended the emergency.",
                        "The rebels said they would talk if the government halted its offensive."],
                       [[("Thai Prime Minister Anutin Charnvirakul", "name")],
                        [("The rebels", "nominal"), ("the government", "nominal")]])
    assert actors["the government"] == "Thailand"


def test_an_organisation_nominal_set_off_before_its_name_is_that_organisation():
    actors = _resolved(["The main opposition party, CHADEMA, was barred from the vote.", "The party said it would appeal."],
                       [[("The main opposition party", "nominal"), ("CHADEMA", "name")], [("The party", "nominal")]])
    assert actors["The main opposition party"] == "CHADEMA" and actors["The party"] == "CHADEMA"
    actors = _resolved(["The army, Hamas, and the police were all there."],  # a list, not an apposition
                       [[("The army", "nominal"), ("Hamas", "name"), ("the police", "nominal")]])
    assert actors["The army"] != "Hamas"


def test_the_two_sides_are_a_pair_resolved_before_as_one_mention():
    actors = _resolved(["Thai and Cambodian officials met at the border.", "Both sides agreed to pull back."],
                       [[("Thai and Cambodian officials", "nominal")], [("Both sides", "nominal")]])
    assert actors["Thai and Cambodian officials"] == "Thailand and Cambodia"
    assert actors["Both sides"] == "Thailand and Cambodia"


def test_the_army_is_a_states_army_not_the_paramilitary_just_named():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Sudan", "aliases": ["Sudanese government"], "kind": "group"},
        {"name": "Sudanese Armed Forces", "aliases": ["Sudanese army"], "kind": "group"},
        {"name": "Rapid Support Forces", "aliases": ["RSF"], "kind": "group"}])
    actors = _resolved(["Sudan's government accused the Rapid Support Forces of shelling the town.",
                        "The army said it had repelled the attack."],
                       [[("Sudan's government", "nominal"), ("the Rapid Support Forces", "name")],
                        [("The army", "nominal")]], gazetteer=world)
    assert actors["The army"] == "Sudanese Armed Forces"


def test_an_officer_of_a_force_named_by_the_acronym_the_report_defined():
    actors = _resolved(["The Border Security Force (BSF) ordered blackout drills.", "A BSF officer said drones were seen."],
                       [[("The Border Security Force (BSF)", "name")], [("A BSF officer", "nominal")]], home="Thailand")
    assert actors["A BSF officer"] == "Border Security Force"  # not the dateline state's army


def test_the_administration_of_a_named_general_is_not_the_state_of_someones_title():
    actors = _resolved(["A renegade Libyan general ordered his troops to advance.",
                        "The administration of General Khalifa Haftar is at odds with the government."],
                       [[("A renegade Libyan general", "nominal")],
                        [("The administration of General Khalifa Haftar", "nominal"), ("the government", "nominal")]])
    assert actors["The administration of General Khalifa Haftar"] != "Libya"
    assert actors["the government"] == "Libya"


def test_a_nominal_around_a_gazetteer_name_is_named_by_its_core():
    actors = _resolved(["Police said the Viv Ansanm gang alliance had taken the town."],
                       [[("Police", "nominal"), ("the Viv Ansanm gang alliance", "nominal")]])
    assert actors["the Viv Ansanm gang alliance"] == "Viv Ansanm"


def test_the_troops_of_a_defence_ministry_without_a_state_are_the_reports_states():
    actors = _resolved(["The Defence Ministry denied that its troops were about to storm the town."],
                       [[("The Defence Ministry", "name"), ("its troops", "nominal")]], home="Thailand")
    assert actors["its troops"] == "Royal Thai Armed Forces"


def test_a_mission_set_off_before_its_name_is_that_mission():
    actors = _resolved(["The European Union's naval mission in the Red Sea, Aspides, raised its threat level."],
                       [[("The European Union's naval mission in the Red Sea", "nominal"), ("Aspides", "name")]])
    assert actors["The European Union's naval mission in the Red Sea"] == "Aspides"


def test_a_presidents_government_is_the_state_of_the_report():
    actors = _resolved(
        ["President Gustavo Petro spoke at a memorial.", "Talks with Petro's government broke down in 2024."],
        [[("President Gustavo Petro", "name")], [("Petro's government", "nominal")]], home="Thailand")
    assert actors["Petro's government"] == "Thailand"  # the dateline's state: his title names none


def test_the_peacekeeping_force_is_the_un_mission_named_after_it():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "UNIFIL", "aliases": ["United Nations Interim Force in Lebanon"], "kind": "group"}])
    actors = _resolved(
        ["The council extended the peacekeeping force in Lebanon.", "Israel wanted UNIFIL shut, and the mission left."],
        [[("the peacekeeping force", "nominal")], [("Israel", "name"), ("UNIFIL", "name"), ("the mission", "nominal")]],
        gazetteer=world)
    assert actors["the peacekeeping force"] == "UNIFIL" and actors["the mission"] == "UNIFIL"


def test_a_groups_unnamed_fighters_are_its_branch_in_the_reports_state():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Mozambique", "aliases": ["Mozambican government"], "kind": "group"},
        {"name": "Islamic State", "aliases": ["IS"], "kind": "group", "roles": ["insurgent", "fighter"]},
        {"name": "Islamic State Mozambique Province", "aliases": ["ISMP"], "kind": "group"}])
    assert world.branch_of("Islamic State", "Mozambique").name == "Islamic State Mozambique Province"
    assert world.branch_of("Islamic State", "Thailand") is None
    actors = _resolved(
        ["Islamic State-linked insurgents raided Macomia.", "Islamic State said its fighters had seized the town."],
        [[("Islamic State-linked insurgents", "nominal")],
         [("Islamic State", "name"), ("its fighters", "nominal")]], home="Mozambique", gazetteer=world)
    assert actors["Islamic State-linked insurgents"] == actors["its fighters"] == "Islamic State Mozambique Province"
    assert actors["Islamic State"] == "Islamic State"  # named by the writer: the group itself


def test_a_states_air_force_is_its_branch_where_the_gazetteer_has_one():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Pakistan", "aliases": ["Pakistani government"], "kind": "group"},
        {"name": "Pakistan Armed Forces", "aliases": ["Pakistani army", "Pakistani troops"], "kind": "group"},
        {"name": "Pakistan Air Force", "aliases": ["PAF"], "kind": "group"}])
    actors = _resolved(["Pakistan put its air force and its troops on alert."],
                       [[("Pakistan", "name"), ("its air force", "nominal"), ("its troops", "nominal")]],
                       gazetteer=world)
    assert actors["its air force"] == "Pakistan Air Force" and actors["its troops"] == "Pakistan Armed Forces"
    actors = _resolved(["Thailand put its navy on alert."], [[("Thailand", "name"), ("its navy", "nominal")]])
    assert actors["its navy"] == "Royal Thai Armed Forces"  # no branch in the gazetteer: the armed forces


def test_a_nationality_pair_of_troops_and_both_armies_are_the_two_armed_forces():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Royal Cambodian Armed Forces", "aliases": ["Cambodian troops"], "kind": "group"}])
    actors = _resolved(["Thai and Cambodian troops clashed.", "Thailand and Cambodia traded blame.",
                        "The ICRC urged both armies to stop."],
                       [[("Thai and Cambodian troops", "nominal")], [("Thailand", "name"), ("Cambodia", "name")],
                        [("The ICRC", "name"), ("both armies", "nominal")]], gazetteer=world)
    assert actors["Thai and Cambodian troops"] == "Royal Thai Armed Forces and Royal Cambodian Armed Forces"
    assert actors["both armies"] == "Royal Thai Armed Forces and Royal Cambodian Armed Forces"


def test_a_military_source_speaks_for_a_states_forces():
    actors = _resolved(["A Thai military source said Hamas fighters fired."],
                       [[("A Thai military source", "nominal"), ("Hamas fighters", "nominal")]])
    assert actors["A Thai military source"] == "Royal Thai Armed Forces"
    actors = _resolved(["Hamas fighters fired.", "A military source said the border was calm."],
                       [[("Hamas fighters", "nominal")], [("A military source", "nominal")]], home="Thailand")
    assert actors["A military source"] == "Royal Thai Armed Forces"  # not the armed group just named


def test_a_group_named_with_a_lower_case_particle_owns_its_fighters():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [{"name": "al-Shabaab", "aliases": ["al Shabaab"], "kind": "group"}])
    actors = _resolved(["Officials said hundreds of al Shabaab fighters had regrouped."],
                       [[("hundreds of al Shabaab fighters", "nominal")]], gazetteer=world)
    assert actors["hundreds of al Shabaab fighters"] == "al-Shabaab"


def test_the_army_in_a_leaders_report_is_his_states():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Royal Cambodian Armed Forces", "aliases": ["Cambodian troops", "Cambodia's army"], "kind": "group"}])
    actors = _resolved(["Cambodia's army said it had reinforced its positions.",
                        "Thai Prime Minister Anutin Charnvirakul said the army had been ordered to hold the line."],
                       [[("Cambodia's army", "nominal"), ("it", "pronoun")],
                        [("Thai Prime Minister Anutin Charnvirakul", "name"), ("the army", "nominal")]], gazetteer=world)
    assert actors["the army"] == "Royal Thai Armed Forces"  # the speaker's, not the army just named


def test_it_after_a_parenthetical_and_an_auxiliary_is_the_subject():
    actors = _resolved(["Hamas, a group born in Gaza, has denied that it is planning reprisals."],
                       [[("Hamas", "name"), ("a group", "nominal"), ("Gaza", "name"), ("it", "pronoun")]])
    assert actors["it"] == "Hamas"


def test_a_pair_that_brokered_a_truce_is_not_both_sides():
    actors = _resolved(["Thailand accused Cambodia of shelling.", "Cambodia blamed Thailand.",
                        "The truce, brokered by Hamas and Libya, held.", "Washington urged both sides to talk."],
                       [[("Thailand", "name"), ("Cambodia", "name")], [("Cambodia", "name"), ("Thailand", "name")],
                        [("Hamas", "name"), ("Libya", "name")], [("Washington", "name"), ("both sides", "nominal")]])
    assert actors["both sides"] == "Thailand and Cambodia"


def test_negotiators_of_a_state_and_a_group_are_that_pair():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [{"name": "Taliban", "aliases": ["Afghan Taliban"], "kind": "group"},
                                                    {"name": "Afghanistan", "aliases": ["Afghan government"],
                                                     "kind": "group"}])
    actors = _resolved(["Thai and Afghan Taliban negotiators agreed to a truce.", "Washington urged both sides to talk."],
                       [[("Thai and Afghan Taliban negotiators", "nominal")],
                        [("Washington", "name"), ("both sides", "nominal")]], gazetteer=world)
    assert actors["Thai and Afghan Taliban negotiators"] == actors["both sides"] == "Thailand and Taliban"
    actors = _resolved(["Thai and Cambodian negotiators met."], [[("Thai and Cambodian negotiators", "nominal")]])
    assert actors["Thai and Cambodian negotiators"] == "Thailand and Cambodia"


def test_a_states_parliament_is_an_actor_of_its_own():
    actors = _resolved(["Thailand objected, and its parliament declared a state of emergency."],
                       [[("Thailand", "name"), ("its parliament", "nominal")]])
    assert actors["its parliament"] == "its parliament"


def test_the_army_in_a_state_ministrys_report_is_that_states():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Royal Cambodian Armed Forces", "aliases": ["Cambodian troops", "Cambodia's army"], "kind": "group"}])
    actors = _resolved(["Cambodia's army fired on the border.", "Thailand's foreign ministry said the army was ready."],
                       [[("Cambodia's army", "nominal")], [("Thailand's foreign ministry", "nominal"),
                                                           ("the army", "nominal")]], gazetteer=world)
    assert actors["the army"] == "Royal Thai Armed Forces"


def test_the_armed_groups_are_the_two_the_article_names_most():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Los Lobos", "aliases": [], "kind": "group", "roles": ["gang"]},
        {"name": "Los Choneros", "aliases": [], "kind": "group", "roles": ["gang"]}])
    actors = _resolved(["Los Choneros and Los Lobos clashed, and Viv Ansanm watched.", "Los Lobos said the gang would fight.",
                        "UNICEF urged the armed groups to spare children."],
                       [[("Los Choneros", "name"), ("Los Lobos", "name"), ("Viv Ansanm", "name")],
                        [("Los Lobos", "name"), ("the gang", "nominal")],
                        [("UNICEF", "name"), ("the armed groups", "nominal")]], gazetteer=world)
    # Los Lobos three times, then of the gangs named once the most recent (as for "both sides"); in the
    # article's order
    assert actors["the armed groups"] == "Los Lobos and Viv Ansanm"


def test_a_rival_militia_is_not_the_one_its_sentence_names_and_keeps_its_name():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [
        {"name": "Democratic Republic of the Congo", "aliases": ["Zaire", "Congolese government"], "kind": "group"},
        {"name": "CODECO", "aliases": [], "kind": "group", "roles": ["militia"]}])
    actors = _resolved(["CODECO militiamen attacked a camp.", "The militia was blamed for the killings.",
                        "A CODECO faction threatened the rival Zaire militia.", "The Zaire group replied."],
                       [[("CODECO militiamen", "nominal")], [("The militia", "nominal")],
                        [("A CODECO faction", "nominal"), ("the rival Zaire militia", "nominal")],
                        [("The Zaire group", "nominal")]], gazetteer=world)
    assert actors["The militia"] == "CODECO"
    assert actors["the rival Zaire militia"] == actors["The Zaire group"] == "rival Zaire militia"


def test_a_states_navy_is_the_navy_the_report_names():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [{"name": "Royal Thai Navy", "aliases": [], "kind": "group"}])
    actors = _resolved(["Thailand said the Thai navy shadowed a survey ship.", "The Royal Thai Navy keeps frigates there."],
                       [[("Thailand", "name"), ("the Thai navy", "nominal")], [("The Royal Thai Navy", "name")]],
                       gazetteer=world)
    assert actors["the Thai navy"] == "Royal Thai Navy"


def test_troops_after_a_border_force_is_named_are_that_force():
    world = Gazetteer.from_entries(WORLD_ENTRIES + [{"name": "Border Security Force", "aliases": ["BSF"],
                                                     "kind": "group"}])
    actors = _resolved(["Thailand said the Border Security Force saw drones.", "Troops fired several rounds."],
                       [[("Thailand", "name"), ("the Border Security Force", "name")], [("Troops", "nominal")]],
                       gazetteer=world)
    assert actors["Troops"] == "Border Security Force"
