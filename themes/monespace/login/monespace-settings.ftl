<#--
  SPEC §5 "Paramètres / INFORMATIONS CONNEXION" (required action monespace-settings, opened from
  the home). Attributes: settingsEmail (current or typed login e-mail), username (RPPS, for the
  strength rule "not the username"); field errors on currentPassword, newPassword,
  newPasswordConfirm, email.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<@layout.registrationLayout displayRequiredFields=true; section>
  <#if section = "header">
    ${msg("monespaceSettingsTitle")}
  <#elseif section = "form">
    <@me.subtitle key="monespaceLoginInfoHeading"/>
    <@me.form action=url.loginAction id="me-settings-form">
      <@me.passwordField name="currentPassword" labelKey="monespaceCurrentPassword" autocomplete="current-password"
          required=false describedBy="me-current-help"/>
      <@me.text id="me-current-help" key="monespaceCurrentPasswordHelp"
          links=[{"url": url.loginResetCredentialsUrl, "key": "monespaceRequestNewPassword"}]/>
      <@me.passwordField name="newPassword" labelKey="monespaceNewPassword" autocomplete="new-password" required=false
          strength=true strengthEmailField="email" strengthUsername=(username)!""/>
      <@me.passwordField name="newPasswordConfirm" labelKey="monespaceConfirmNewPassword" autocomplete="new-password"
          required=false/>
      <@me.textField name="email" labelKey="monespaceEmailAddress" requiredMark=true required=true type="email"
          value=(settingsEmail)!"" autocomplete="username" spellcheck="false" autocapitalize="none" maxlength="254"
          hintKey="monespaceNotPublic"/>
      <@me.actions>
        <@me.primaryButton labelKey="monespaceSave"/>
        <@me.secondaryButton labelKey="monespaceBackToHome" value="cancel" style="link"/>
      </@me.actions>
    </@me.form>
  </#if>
</@layout.registrationLayout>
