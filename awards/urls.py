from django.urls import path

from .views import eligibility, history, initiatives, nominations, profile, pupils, records, registrations, reports

app_name = "awards"
urlpatterns = [
    path("me/", profile.my_profile, name="my_profile"),
    path("staff/<int:pk>/", profile.staff_profile, name="staff_profile"),
    # registrations
    path("registrations/", registrations.registration_list, name="registration_list"),
    path("registrations/mine/", registrations.my_registrations, name="my_registrations"),
    path("registrations/team/<int:team_pk>/", registrations.team_registrations, name="team_registrations"),
    path("registrations/<int:pk>/withdraw/", registrations.registration_withdraw, name="registration_withdraw"),
    path("registrations/export.xlsx", registrations.registration_export, name="registration_export"),
    path("registrations/print/", registrations.registration_print, name="registration_print"),
    path("registrations/period/", registrations.registration_period, name="registration_period"),
    path("registrations/changes/", registrations.change_list, name="change_list"),
    path(
        "registrations/changes/<int:pk>/<str:verb>/",
        registrations.change_decide,
        name="change_decide",
    ),
    # evaluations, disciplines, proceedings
    path("evaluations/", records.evaluation_list, name="evaluation_list"),
    path("evaluations/import/", records.evaluation_import, name="evaluation_import"),
    path("evaluations/<int:year_pk>/staff/<int:staff_pk>/", records.evaluation_edit, name="evaluation_edit"),
    path("evaluations/<int:year_pk>/team/<int:team_pk>/", records.team_evaluation_edit, name="team_evaluation_edit"),
    path("disciplines/", records.discipline_list, name="discipline_list"),
    path("disciplines/new/", records.discipline_create, name="discipline_create"),
    path("disciplines/<int:pk>/edit/", records.discipline_edit, name="discipline_edit"),
    path("proceedings/", records.proceeding_list, name="proceeding_list"),
    path("proceedings/new/", records.proceeding_create, name="proceeding_create"),
    path("proceedings/<int:pk>/edit/", records.proceeding_edit, name="proceeding_edit"),
    # initiatives
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/export.xlsx", initiatives.initiative_export, name="initiative_export"),
    path("initiatives/new/", initiatives.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/review/", initiatives.initiative_review, name="initiative_review"),
    path("initiatives/<int:pk>/recognise/", initiatives.initiative_recognise, name="initiative_recognise"),
    path("initiatives/<int:pk>/reject/", initiatives.initiative_reject, name="initiative_reject"),
    path("initiatives/attachments/<int:pk>/", initiatives.attachment_download, name="attachment_download"),
    # award history
    path("history/", history.award_list, name="award_list"),
    path("history/export.xlsx", history.award_export, name="award_export"),
    path("history/new/", history.award_create, name="award_create"),
    path("history/<int:pk>/edit/", history.award_edit, name="award_edit"),
    path("history/import/", history.award_import, name="award_import"),
    # achievement reports
    path("reports/", reports.report_list, name="report_list"),
    path("reports/mine/", reports.my_reports, name="my_reports"),
    path("reports/start/", reports.report_start, name="report_start"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", reports.report_submit, name="report_submit"),
    path("reports/<int:pk>/confirm/", reports.report_confirm, name="report_confirm"),
    path("reports/<int:pk>/return/", reports.report_return, name="report_return"),
    path("reports/<int:pk>/print/", reports.report_pdf, name="report_pdf"),
    # pupils' commendations
    path("pupils/", pupils.pupil_classes, name="pupil_classes"),
    path("pupils/class/<int:pk>/", pupils.pupil_class, name="pupil_class"),
    path("pupils/class/<int:pk>/import/", pupils.pupil_import, name="pupil_import"),
    path("pupils/class/<int:pk>/results.xlsx", pupils.pupil_results_template, name="pupil_results_template"),
    path("pupils/class/<int:pk>/check/", pupils.pupil_class_check, name="pupil_class_check"),
    # eligibility
    path("eligibility/", eligibility.school_eligibility, name="school_eligibility"),
    path("eligibility/export.xlsx", eligibility.school_eligibility_export, name="school_eligibility_export"),
    path("eligibility/me/", eligibility.my_eligibility, name="my_eligibility"),
    path("eligibility/staff/<int:pk>/", eligibility.staff_eligibility, name="staff_eligibility"),
    # the year-end review: team reviews and nominations
    path("reviews/", nominations.review_list, name="review_list"),
    path("reviews/team/<int:team_pk>/", nominations.team_review, name="team_review"),
    path("reviews/<int:pk>/meeting/", nominations.team_review_meeting, name="team_review_meeting"),
    path("reviews/<int:pk>/propose/", nominations.team_review_propose, name="team_review_propose"),
    path("reviews/<int:pk>/submit/", nominations.team_review_submit, name="team_review_submit"),
    path("reviews/<int:pk>/minutes.pdf", nominations.team_review_minutes, name="team_review_minutes"),
    path("nominations/", nominations.nomination_board, name="nomination_board"),
    path("nominations/export.xlsx", nominations.nomination_export, name="nomination_export"),
    path("nominations/<int:pk>/vote/", nominations.nomination_vote, name="nomination_vote"),
    path("nominations/<int:pk>/<str:verb>/", nominations.nomination_act, name="nomination_act"),
]
