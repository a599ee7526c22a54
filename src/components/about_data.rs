use glabella_core::data::default_dataset;
use yew::prelude::*;

use crate::charts::count_label;
use crate::text::cohort_name;

/// Where each depression count comes from (the cohort sizes are all published).
fn depression_basis(slug: &str) -> (&'static str, &'static str) {
    match slug {
        "sialorrhea" => ("published: none", "assumed"),
        "bladder" => ("fitted to the published ROR", "fitted to the published ROR"),
        _ => ("assumed", "assumed"),
    }
}

/// Which numbers are published, which are assumed, and what a reader must keep in mind.
#[function_component]
pub fn AboutData() -> Html {
    let dataset = default_dataset();
    let version = dataset.provenance.version.clone().unwrap_or_default();
    let rows = dataset.indications().into_iter().map(|slug| {
        let t = dataset.table(slug);
        let (bont_basis, control_basis) = depression_basis(slug);
        html! {
            <tr>
                <th scope="row">{ cohort_name(slug) }</th>
                <td>{ count_label(t.n_bont()) }<span class="basis">{ " published" }</span></td>
                <td>{ count_label(t.n_control()) }<span class="basis">{ " published" }</span></td>
                <td>{ count_label(t.a) }<span class="basis">{ format!(" {bont_basis}") }</span></td>
                <td>{ count_label(t.c) }<span class="basis">{ format!(" {control_basis}") }</span></td>
            </tr>
        }
    });
    html! {
        <section id="about-data" aria-labelledby="about-title" class="about">
            <h2 id="about-title">{ "About the data" }</h2>
            <p>
                { "The study: Makunts T, Wollmer MA, Abagyan R. Postmarketing safety surveillance data reveals antidepressant effects of botulinum toxin across various indications and injection sites. " }
                <cite>{ "Scientific Reports" }</cite>{ " 10:12851 (2020), " }
                <a href="https://doi.org/10.1038/s41598-020-69773-7" rel="noopener">{ "doi:10.1038/s41598-020-69773-7" }</a>
                { ". It used the FDA Adverse Event Reporting System (FAERS), about 13 million voluntary reports." }
            </p>
            <h3>{ "Published, and reproduced exactly" }</h3>
            <ul>
                <li>{ "The sixteen cohort sizes: BoNT and control reports per indication (legend of Figure 3)." }</li>
                <li>{ "No depression report in the sialorrhea BoNT arm (results)." }</li>
                <li>{ "Bladder: ROR 0.77, 95% CI 0.43 to 1.43 (results). No table of whole counts gives all three by Woolf's method, because the published interval is not centred on 0.77; the counts used give 0.78 (0.43 to 1.43)." }</li>
                <li>{ "Significantly lower reporting for cosmetic use, migraine, spasticity and hyperhidrosis (abstract), and in six of eight cohorts, 40 to 88 percent less often (the university's press release)." }</li>
            </ul>
            <h3>{ "Assumed" }</h3>
            <ul>
                <li>{ "Every other depression count. The paper does not publish them; they were chosen so that six cohorts are significant with RORs from 0.12 to 0.59, as the press release describes." }</li>
                <li>{ "Which two cohorts besides the four named are significant: torticollis and blepharospasm here, leaving sialorrhea (zero reports, so a wide corrected interval) and bladder as the two that are not." }</li>
                <li>{ "Sex and age of every report. The paper gives no breakdown; the splits are invented to show what adjustment can do, so the adjusted view is a demonstration, not a finding." }</li>
                <li>{ "Doses: typical labelled doses from US prescribing information, not the doses the patients received." }</li>
            </ul>
            <div class="table-scroll">
                <table id="about-table">
                    <caption>{ format!("The default dataset, version {version}") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Indication" }</th>
                            <th scope="col">{ "BoNT reports" }</th>
                            <th scope="col">{ "Control reports" }</th>
                            <th scope="col">{ "BoNT with depression" }</th>
                            <th scope="col">{ "Control with depression" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <h3>{ "Keep in mind" }</h3>
            <ul>
                <li>{ "FAERS reports are voluntary and unverified. An ROR compares how often depression is mentioned in reports, not how often patients become depressed." }</li>
                <li>{ "Patients were not randomised: people who get Botox may differ from those who get other treatments in ways that also change depression reporting." }</li>
                <li>{ "Randomised trials of glabellar injections for depression exist and found benefits, but blinding is hard when people notice they cannot frown. More studies are needed." }</li>
            </ul>
        </section>
    }
}
