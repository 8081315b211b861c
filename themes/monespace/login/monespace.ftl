<#--
  MonEspace macro library — accessible building blocks for every login screen.

      <#import "template.ftl" as layout>
      <#import "monespace.ftl" as me>

  Conventions shared by all macros
  - Texts come from the message bundles: pass a message KEY (`labelKey`,
    `hintKey`, `key`…). Each also accepts the already-resolved text (`label`,
    `hint`, `text`…) for values computed by the flow (e.g. a masked phone).
    Nothing is output with ?no_esc: every value is HTML-escaped by FreeMarker.
  - `args` (sequence, up to 5 items) fill the {n} placeholders of a message.
    Apostrophes in messages are doubled ('') because Keycloak formats every
    message with java.text.MessageFormat.
  - Rich messages (richText, text, messageBox, checkbox labels):
      `**bold**` renders <strong>, `*italic*` renders <em>;
      `links` = [{"url": …, "key": … | "text": …}, …] fills {0}, {1}… with links
      (a link whose url is empty shows its text only); `args` then fill the
      following placeholders {links?size}, {links?size + 1}…
  - Field errors come from Keycloak's messagesPerField (set by the flow with
    form.addError(new FormMessage("fieldName", "messageKey"))). An erroneous
    field gets aria-invalid="true" and its error (between label and input, with
    an "Erreur :" prefix for screen readers) joins aria-describedby;
    monespace.js then focuses the first field in error.
  - ids: a field's id is its `name` unless `id` is given; derived ids are
    <id>-hint, <id>-error, <id>-strength-text.
-->

<#-- ========================================================================
  t(key, args=[]) — message text with up to 5 arguments (function).
      ${me.t("monespaceChannelSms", [maskedPhone])}
======================================================================== -->
<#function t key args=[]>
  <#switch args?size>
    <#case 0><#return msg(key)>
    <#case 1><#return msg(key, args[0])>
    <#case 2><#return msg(key, args[0], args[1])>
    <#case 3><#return msg(key, args[0], args[1], args[2])>
    <#case 4><#return msg(key, args[0], args[1], args[2], args[3])>
    <#default><#return msg(key, args[0], args[1], args[2], args[3], args[4])>
  </#switch>
</#function>

<#-- ========================================================================
  configUrl(name) — a configurable link (function): the realm attribute `name`
  if set (Admin REST: realm "attributes"), else theme.properties' `name`, else "".
  Names used by the theme: monespaceSupportUrl (Assistance), monespaceRppsHelpUrl
  (Où trouver mon RPPS ?), monespaceCguUrl, monespacePrivacyUrl,
  monespaceHomeUrl.
      <@me.linkRow links=[{"url": me.configUrl("monespaceSupportUrl"), "key": "monespaceSupport"}]/>
======================================================================== -->
<#function configUrl name>
  <#local fromRealm = ((realm.attributes[name])!"")>
  <#if fromRealm?has_content><#return fromRealm></#if>
  <#return (properties[name])!"">
</#function>

<#-- fieldError(name, errorFields, errorText) — first server error for a field (internal). -->
<#function fieldError name errorFields=[] errorText="">
  <#if errorText?has_content><#return errorText></#if>
  <#if !(messagesPerField??)><#return ""></#if>
  <#list (errorFields?has_content)?then(errorFields, [name]) as f>
    <#if messagesPerField.existsError(f)><#return messagesPerField.get(f)></#if>
  </#list>
  <#return "">
</#function>

<#-- fieldErrorParagraph(id, text) — a field's error, prefixed "Erreur :" for screen readers (internal). -->
<#macro fieldErrorParagraph id text><p class="me-field__error" id="${id}"><span class="me-sr-only">${msg("monespaceFieldErrorPrefix")} </span>${text}</p></#macro>

<#-- joinIds(list) — space-separated non-empty ids for aria-describedby (internal). -->
<#function joinIds ids>
  <#return ids?filter(i -> i?has_content)?join(" ")>
</#function>

<#-- ========================================================================
  richText — inline rich message (no wrapping element), see Conventions.
    key | text   message key, or ready text (text is shown as is: no links/bold)
    args         placeholder values after the links
    links        [{"url", "key"|"text"}] for {0}, {1}…
      <@me.richText key="monespaceAccountExists"
                    links=[{"url": url.loginResetCredentialsUrl, "key": "monespaceAccountExistsLink"}]/>
======================================================================== -->
<#macro richText key="" text="" args=[] links=[]>
  <#if text?has_content>${text}<#return></#if><#t>
  <#-- Links go through MessageFormat as sentinel tokens (U+0001), then the
       formatted string is split on them: the text parts stay escaped text. -->
  <#local mark = "\x0001">
  <#local tokens = []>
  <#list links as l><#local tokens = tokens + [mark + l?index + mark]></#list>
  <#local parts = t(key, tokens + args)?split(mark)>
  <#list parts as part>
    <#if part?index % 2 == 1 && links[part?number]??>
      <#local l = links[part?number]>
      <#local linkText = (l.text)!t(l.key)>
      <#if (l.url!"")?has_content><a href="${l.url}">${linkText}</a><#else>${linkText}</#if><#t>
    <#else>
      <@emphasis part/><#t>
    </#if>
  </#list>
</#macro>

<#-- emphasis — **bold** and *italic* markers of a text part (internal). An odd
     number of markers means they are literal asterisks: text left as is. -->
<#macro emphasis s>
  <#local bold = s?split("**")>
  <#if bold?size % 2 == 0>${s}<#return></#if><#t>
  <#list bold as b>
    <#if b?index % 2 == 1><strong><@italic b/></strong><#else><@italic b/></#if><#t>
  </#list>
</#macro>
<#macro italic s>
  <#local it = s?split("*")>
  <#if it?size % 2 == 0>${s}<#return></#if><#t>
  <#list it as i><#if i?index % 2 == 1><em>${i}</em><#else>${i}</#if></#list><#t>
</#macro>

<#-- ========================================================================
  text — a paragraph of rich text (intro sentences of the screens).
    key | text, args, links   as richText
    class                     extra CSS class
    id                        optional id (e.g. to reference it from aria-describedby)
      <@me.text key="monespaceSecureCreationText"/>
======================================================================== -->
<#macro text key="" text="" args=[] links=[] class="" id="">
  <p class="me-text ${class}"<#if id?has_content> id="${id}"</#if>><@richText key=key text=text args=args links=links/></p>
</#macro>

<#-- ========================================================================
  subtitle — section heading inside a screen (h2), e.g. "INFORMATIONS CONNEXION".
    key | text
      <@me.subtitle key="monespaceLoginInfoHeading"/>
======================================================================== -->
<#macro subtitle key="" text="">
  <h2 class="me-subtitle">${text?has_content?then(text, t(key))}</h2>
</#macro>

<#-- ========================================================================
  form — POST form wired for MonEspace: novalidate (errors come from the server,
  accessibly, instead of browser bubbles) and single submission (monespace.js).
    action      (required) usually url.loginAction
    id, class   optional
      <@me.form action=url.loginAction id="me-create-form"> … </@me.form>
======================================================================== -->
<#macro form action id="" class="">
  <form class="me-form ${class}" action="${action}" method="post" novalidate data-me-form<#if id?has_content> id="${id}"</#if>>
    <#nested>
  </form>
</#macro>

<#-- ========================================================================
  textField — labelled text input.
    name            (required) form field name (also the id unless `id`); "" with an
                    `id` for a display-only field that is not submitted
    labelKey|label  label text
    type            text | email | tel | … (default text)
    value           initial value
    required        required + aria-required (default false)
    requiredMark    appends " *" to the label (hidden from screen readers, who
                    get `required`); pair it with layout displayRequiredFields=true
    hintKey|hint, hintArgs   hint under the label, e.g. "Format : 17/06/2021"
    helpUrl + helpKey|helpText   help link under the input, e.g. "Où trouver mon RPPS ?"
    errorFields     messagesPerField keys shown as this field's error (default [name])
    errorText       error text to show instead (wins over errorFields)
    showFieldError  false: no error under the field (the screen shows it elsewhere)
    invalid         force aria-invalid="true" (with showFieldError=false)
    describedBy     extra ids appended to aria-describedby (e.g. a messageBox id)
    autocomplete, inputmode, maxlength, pattern, spellcheck ("false" for
    e-mails and codes), autocapitalize ("none" for e-mails), dir, placeholder
    readonly, autofocus   booleans
    class           extra class on the wrapper
      <@me.textField name="birthDate" labelKey="monespaceBirthDate" requiredMark=true required=true
                     hintKey="monespaceBirthDateHint" autocomplete="bday" inputmode="numeric" value=(birthDate!"")/>
      <@me.textField name="rpps" labelKey="monespaceRpps" required=true inputmode="numeric" maxlength="14"
                     helpUrl=me.configUrl("monespaceRppsHelpUrl") helpKey="monespaceRppsHelp"/>
======================================================================== -->
<#macro textField name labelKey="" label="" id="" type="text" value="" required=false requiredMark=false
        hintKey="" hint="" hintArgs=[] helpUrl="" helpKey="" helpText="" errorFields=[] errorText=""
        showFieldError=true invalid=false describedBy="" autocomplete="" inputmode="" maxlength=""
        pattern="" spellcheck="" autocapitalize="" dir="" placeholder="" readonly=false autofocus=false class="">
  <#local fid = id?has_content?then(id, name)>
  <#local err = showFieldError?then(fieldError(name, errorFields, errorText), "")>
  <#local hasHint = hintKey?has_content || hint?has_content>
  <#local ids = joinIds([hasHint?then(fid + "-hint", ""), err?has_content?then(fid + "-error", ""), describedBy])>
  <div class="me-field<#if err?has_content || invalid> me-field--error</#if> ${class}">
    <label class="me-label" for="${fid}">${label?has_content?then(label, t(labelKey))}<#if requiredMark><span class="me-required" aria-hidden="true"> *</span></#if></label>
    <#if hasHint><p class="me-hint" id="${fid}-hint">${hint?has_content?then(hint, t(hintKey, hintArgs))}</p></#if>
    <#if err?has_content><@fieldErrorParagraph id=fid + "-error" text=err/></#if><#nt>
    <#-- Optional attributes, one per line (line breaks are plain whitespace inside a tag). -->
    <input class="me-input" id="${fid}"<#if name?has_content> name="${name}"</#if> type="${type}" value="${value}"
      <#if required>required aria-required="true"</#if>
      <#if err?has_content || invalid>aria-invalid="true"</#if>
      <#if ids?has_content>aria-describedby="${ids}"</#if>
      <#if autocomplete?has_content>autocomplete="${autocomplete}"</#if>
      <#if inputmode?has_content>inputmode="${inputmode}"</#if>
      <#if maxlength?has_content>maxlength="${maxlength}"</#if>
      <#if pattern?has_content>pattern="${pattern}"</#if>
      <#if spellcheck?has_content>spellcheck="${spellcheck}"</#if>
      <#if autocapitalize?has_content>autocapitalize="${autocapitalize}"</#if>
      <#if dir?has_content>dir="${dir}"</#if>
      <#if placeholder?has_content>placeholder="${placeholder}"</#if>
      <#if readonly>readonly</#if> <#if autofocus>autofocus</#if>>
    <#if helpUrl?has_content><p class="me-help"><a href="${helpUrl}">${helpText?has_content?then(helpText, t(helpKey))}</a></p></#if>
  </div>
</#macro>

<#-- ========================================================================
  passwordField — password input with an accessible show/hide button and,
  with strength=true, the live indicator "Sécurité du mot de passe : …".
    name, labelKey|label, id, required (default true), requiredMark,
    hintKey|hint, hintArgs, errorFields, errorText, showFieldError, invalid,
    describedBy, autofocus, class      as textField
    autocomplete    current-password (default) | new-password
    toggle          show/hide button (default true; appears only with JavaScript)
    strength        add the strength indicator (default false)
    strengthEmailField  id of the field holding the e-mail the password must not equal
    strengthEmail       or that e-mail itself (fixed value)
    strengthUsername    the username the password must not equal (RPPS number)
      <@me.passwordField name="password" labelKey="monespacePassword" autocomplete="current-password"/>
======================================================================== -->
<#macro passwordField name labelKey="" label="" id="" autocomplete="current-password" required=true requiredMark=false
        hintKey="" hint="" hintArgs=[] errorFields=[] errorText="" showFieldError=true invalid=false describedBy=""
        autofocus=false toggle=true strength=false strengthEmailField="" strengthEmail="" strengthUsername="" class="">
  <#local fid = id?has_content?then(id, name)>
  <#local err = showFieldError?then(fieldError(name, errorFields, errorText), "")>
  <#local hasHint = hintKey?has_content || hint?has_content>
  <#local ids = joinIds([hasHint?then(fid + "-hint", ""), err?has_content?then(fid + "-error", ""), strength?then(fid + "-strength-text", ""), describedBy])>
  <div class="me-field<#if err?has_content || invalid> me-field--error</#if> ${class}">
    <label class="me-label" for="${fid}">${label?has_content?then(label, t(labelKey))}<#if requiredMark><span class="me-required" aria-hidden="true"> *</span></#if></label>
    <#if hasHint><p class="me-hint" id="${fid}-hint">${hint?has_content?then(hint, t(hintKey, hintArgs))}</p></#if>
    <#if err?has_content><@fieldErrorParagraph id=fid + "-error" text=err/></#if><#nt>
    <div class="me-input-group">
      <input class="me-input" id="${fid}" name="${name}" type="password" autocomplete="${autocomplete}" spellcheck="false" autocapitalize="none"
        <#if required>required aria-required="true"</#if>
        <#if err?has_content || invalid>aria-invalid="true"</#if>
        <#if ids?has_content>aria-describedby="${ids}"</#if>
        <#if autofocus>autofocus</#if>>
      <#if toggle>
      <button type="button" class="me-toggle" data-me-toggle="${fid}" aria-controls="${fid}" hidden
              data-label-show="${msg("monespacePasswordShow")}" data-label-hide="${msg("monespacePasswordHide")}"
              data-status-shown="${msg("monespacePasswordShown")}" data-status-hidden="${msg("monespacePasswordHidden")}"><span data-me-toggle-text>${msg("monespacePasswordShow")}</span><span class="me-sr-only"> ${msg("monespacePasswordToggleSuffix")}</span></button>
      </#if>
    </div>
    <#if strength><@strengthIndicator forId=fid emailField=strengthEmailField email=strengthEmail username=strengthUsername/></#if>
  </div>
</#macro>

<#-- ========================================================================
  newPasswordField — passwordField preset for choosing a password: strength
  indicator on, autocomplete="new-password", and the realm policy as hint.
  Same parameters as passwordField (hintKey defaults to monespacePasswordPolicyHint,
  whose {0} is the realm's minimum length).
      <@me.newPasswordField name="password" labelKey="monespacePassword" strengthEmailField="email"/>
      <@me.passwordField name="password-confirm" labelKey="monespacePasswordConfirm" autocomplete="new-password"/>
======================================================================== -->
<#macro newPasswordField name labelKey="" label="" id="" required=true requiredMark=false hintKey="monespacePasswordPolicyHint"
        hint="" hintArgs=[] errorFields=[] errorText="" showFieldError=true invalid=false describedBy="" autofocus=false
        toggle=true strengthEmailField="" strengthEmail="" strengthUsername="" class="">
  <#local args = hintArgs?has_content?then(hintArgs, [((passwordPolicies.length)!12)?c])>
  <@passwordField name=name labelKey=labelKey label=label id=id autocomplete="new-password" required=required
      requiredMark=requiredMark hintKey=hintKey hint=hint hintArgs=args errorFields=errorFields errorText=errorText
      showFieldError=showFieldError invalid=invalid describedBy=describedBy autofocus=autofocus toggle=toggle strength=true
      strengthEmailField=strengthEmailField strengthEmail=strengthEmail strengthUsername=strengthUsername class=class/>
</#macro>

<#-- ========================================================================
  strengthIndicator — "Sécurité du mot de passe : Faible|Moyen|Fort" for any
  password input (already included by passwordField strength=true).
  The realm policy (Keycloak's passwordPolicies bean) goes to the script as
  data attributes; the script never rates above Faible a password the policy
  or the deny list refuses (themes/password-strength). Hidden without JavaScript.
    forId        (required) id of the password input
    emailField   id of the input holding the e-mail (compared live), or
    email        a fixed e-mail; username: the username (RPPS)
      <@me.strengthIndicator forId="password-new" email=(loginEmail!"")/>
======================================================================== -->
<#macro strengthIndicator forId emailField="" email="" username="">
  <#-- Policy: "0"/"false" = rule off in this realm; ?c keeps numbers locale-free.
       Without the bean (not a Keycloak page) the script uses the MonEspace defaults. -->
  <div class="me-strength" id="${forId}-strength" data-me-strength data-for="${forId}" hidden
    <#if passwordPolicies??>
    data-policy-length="${((passwordPolicies.length)!0)?c}" data-policy-max-length="${((passwordPolicies.maxLength)!0)?c}"
    data-policy-digits="${((passwordPolicies.digits)!0)?c}" data-policy-special-chars="${((passwordPolicies.specialChars)!0)?c}"
    data-policy-lower-case="${((passwordPolicies.lowerCase)!0)?c}" data-policy-upper-case="${((passwordPolicies.upperCase)!0)?c}"
    data-policy-not-username="${passwordPolicies.notUsername?c}" data-policy-not-email="${passwordPolicies.notEmail?c}"
    </#if>
    <#if emailField?has_content>data-email-field="${emailField}"</#if>
    <#if email?has_content>data-email="${email}"</#if>
    <#if username?has_content>data-username="${username}"</#if>
    data-label-weak="${msg("monespaceStrengthWeak")}" data-label-medium="${msg("monespaceStrengthMedium")}" data-label-strong="${msg("monespaceStrengthStrong")}">
    <p class="me-strength__text" id="${forId}-strength-text"><span data-me-strength-prefix>${msg("monespaceStrengthLabel")}</span> <strong class="me-strength__level" data-me-strength-level>${msg("monespaceStrengthWeak")}</strong></p>
    <div class="me-strength__meter" aria-hidden="true"><span></span><span></span><span></span></div>
    <p class="me-sr-only" aria-live="polite" aria-atomic="true" data-me-strength-live></p>
  </div>
  <script type="module" src="${url.resourcesPath}/js/password-strength.js"></script>
</#macro>

<#-- ========================================================================
  checkbox — single checkbox, label may hold links (e.g. CGU acceptance).
    name, id, value (default "on"), checked, required, errorFields, errorText,
    hintKey|hint, describedBy, class     as textField
    labelKey|label, labelArgs, labelLinks   label as richText (links inside)
      <@me.checkbox name="acceptTerms" required=true labelKey="monespaceAcceptTerms"
          labelLinks=[{"url": me.configUrl("monespaceCguUrl"), "key": "monespaceTermsLink"},
                      {"url": me.configUrl("monespacePrivacyUrl"), "key": "monespacePrivacyLink"}]/>
======================================================================== -->
<#macro checkbox name labelKey="" label="" labelArgs=[] labelLinks=[] id="" value="on" checked=false required=false
        errorFields=[] errorText="" hintKey="" hint="" describedBy="" class="">
  <#local fid = id?has_content?then(id, name)>
  <#local err = fieldError(name, errorFields, errorText)>
  <#local hasHint = hintKey?has_content || hint?has_content>
  <#local ids = joinIds([err?has_content?then(fid + "-error", ""), hasHint?then(fid + "-hint", ""), describedBy])>
  <div class="me-field<#if err?has_content> me-field--error</#if> ${class}">
    <#if err?has_content><@fieldErrorParagraph id=fid + "-error" text=err/></#if><#nt>
    <div class="me-choice">
      <input class="me-choice__input" type="checkbox" id="${fid}" name="${name}" value="${value}"
        <#if checked>checked</#if>
        <#if required>required aria-required="true"</#if>
        <#if err?has_content>aria-invalid="true"</#if>
        <#if ids?has_content>aria-describedby="${ids}"</#if>>
      <label class="me-choice__label" for="${fid}"><#if label?has_content>${label}<#else><@richText key=labelKey args=labelArgs links=labelLinks/></#if></label>
    </div>
    <#if hasHint><p class="me-hint" id="${fid}-hint">${hint?has_content?then(hint, t(hintKey))}</p></#if>
  </div>
</#macro>

<#-- ========================================================================
  radioGroup — fieldset + legend + one radio per option.
    name            (required)
    legendKey|legend  the question; legendHidden=true keeps it for screen
                    readers only (when the intro paragraph already asks it)
    options         [{"value": "sms", "label": "+3378***22"} |
                     {"value": …, "labelKey": …, "labelArgs": […]},
                     optional "hint"/"hintKey" per option]
    selected        value checked initially (a single option is pre-checked
                    when selected is empty and autoSelectSingle=true, default)
    required (default true), errorFields, errorText, hintKey|hint, class
      <@me.radioGroup name="channel" legendKey="monespaceChannelLegend"
          options=[{"value": "sms",   "labelKey": "monespaceChannelSms",   "labelArgs": [maskedMobile]},
                   {"value": "email", "labelKey": "monespaceChannelEmail", "labelArgs": [maskedEmail]}]/>
======================================================================== -->
<#macro radioGroup name options legendKey="" legend="" legendHidden=false selected="" autoSelectSingle=true required=true
        errorFields=[] errorText="" hintKey="" hint="" class="">
  <#local err = fieldError(name, errorFields, errorText)>
  <#local hasHint = hintKey?has_content || hint?has_content>
  <#local ids = joinIds([hasHint?then(name + "-hint", ""), err?has_content?then(name + "-error", "")])>
  <#local checkedValue = (selected?has_content || !autoSelectSingle || options?size != 1)?then(selected, (options[0].value)!"")>
  <fieldset class="me-fieldset me-field<#if err?has_content> me-field--error</#if> ${class}"<#if ids?has_content> aria-describedby="${ids}"</#if>>
    <legend class="me-legend<#if legendHidden> me-sr-only</#if>">${legend?has_content?then(legend, t(legendKey))}</legend>
    <#if hasHint><p class="me-hint" id="${name}-hint">${hint?has_content?then(hint, t(hintKey))}</p></#if>
    <#if err?has_content><@fieldErrorParagraph id=name + "-error" text=err/></#if><#nt>
    <#list options as o>
      <#local oid = name + "-" + o?index>
      <#local oHint = (o.hint)!((o.hintKey)?has_content?then(t(o.hintKey), ""))>
      <div class="me-choice">
        <input class="me-choice__input" type="radio" id="${oid}" name="${name}" value="${o.value}"
          <#if o.value == checkedValue>checked</#if>
          <#if required && o?is_first>required</#if>
          <#if err?has_content>aria-invalid="true"</#if>>
        <label class="me-choice__label" for="${oid}">${(o.label)!t(o.labelKey, (o.labelArgs)![])}<#if oHint?has_content> <span class="me-choice__hint">${oHint}</span></#if></label>
      </div>
    </#list>
  </fieldset>
</#macro>

<#-- ========================================================================
  actions — row holding the form's buttons. Put the primary button FIRST: the
  first submit button in the form is the one Enter triggers.
      <@me.actions><@me.primaryButton labelKey="monespaceDoValidate"/></@me.actions>
======================================================================== -->
<#macro actions class="">
  <div class="me-actions ${class}"><#nested></div>
</#macro>

<#-- ========================================================================
  primaryButton — the main submit button of a form.
    labelKey|label, name, value, id, type (default submit), class
      <@me.primaryButton labelKey="monespaceReceiveCode" name="action" value="send"/>
======================================================================== -->
<#macro primaryButton labelKey="" label="" name="" value="" id="" type="submit" class="">
  <button type="${type}" class="me-btn me-btn--primary ${class}"<#if id?has_content> id="${id}"</#if><#if name?has_content> name="${name}"</#if><#if value?has_content> value="${value}"</#if>>${label?has_content?then(label, t(labelKey))}</button>
</#macro>

<#-- ========================================================================
  secondaryButton — another submit button of the same form, for POST actions
  such as "Renvoyer le code" or "Retour" (formnovalidate: the other fields
  need not be valid to go back). Style "link" looks like a link (for "Retour").
  The authenticator reads the choice with formData.getFirst("action"); the
  primary button, when it has no name, sends no "action" at all.
    labelKey|label, name (default "action"), value (required), id,
    style (secondary | link), formnovalidate (default true), class
      <@me.secondaryButton labelKey="monespaceResendCode" value="resend"/>
      <@me.secondaryButton labelKey="monespaceBack" value="back" style="link"/>
======================================================================== -->
<#macro secondaryButton value labelKey="" label="" name="action" id="" style="secondary" formnovalidate=true class="">
  <button type="submit" class="me-btn me-btn--${style} ${class}" name="${name}" value="${value}"<#if id?has_content> id="${id}"</#if><#if formnovalidate> formnovalidate</#if>>${label?has_content?then(label, t(labelKey))}</button>
</#macro>

<#-- ========================================================================
  linkRow — row of navigation links under a form ("Se connecter",
  "Identifiants oubliés ?", "Assistance"…). Entries with an empty url are
  skipped, so configurable links disappear when not configured.
    links      [{"url": …, "key": … | "text": …}]
    inline     true: no separator line above (links inside the form area)
    labelKey   optional: wraps the list in <nav aria-label="…">
      <@me.linkRow links=[{"url": url.loginUrl, "key": "monespaceDoLogIn"},
                          {"url": url.loginResetCredentialsUrl, "key": "monespaceForgotCredentials"}]/>
======================================================================== -->
<#macro linkRow links inline=false labelKey="" class="">
  <#local shown = links?filter(l -> (l.url!"")?has_content)>
  <#if shown?has_content>
    <#if labelKey?has_content><nav aria-label="${t(labelKey)}"></#if>
    <ul class="me-links<#if inline> me-links--inline</#if> ${class}">
      <#list shown as l>
      <li><a href="${l.url}"<#if (l.id!"")?has_content> id="${l.id}"</#if>>${(l.text)!t(l.key)}</a></li>
      </#list>
    </ul>
    <#if labelKey?has_content></nav></#if>
  </#if>
</#macro>

<#-- ========================================================================
  messageBox — message block (blocking error / information, confirmation).
    type        error | info | success | warning (default info); errors use
                role="alert", others role="status" (announced when inserted;
                at page load screen readers also find them first in <main>)
    key|text, args, links   content as richText (text: as is, e.g. message.summary)
    titleKey    optional bold first line
    id          optional id, to reference the box from fields (aria-describedby)
    live        false: no role (static explanatory box)
    nested content is appended inside the box (extra paragraphs, a link row…)
      <@me.messageBox type="error" key="monespaceIdentityMismatch"/>
      <@me.messageBox type="info" key="monespaceAccountExists"
          links=[{"url": url.loginResetCredentialsUrl, "key": "monespaceAccountExistsLink"}]/>
======================================================================== -->
<#macro messageBox type="info" key="" text="" args=[] links=[] titleKey="" id="" live=true class="">
  <#local boxType = ["error", "info", "success", "warning"]?seq_contains(type)?then(type, "info")>
  <div class="me-box me-box--${boxType} ${class}"<#if id?has_content> id="${id}"</#if><#if live> role="${(boxType == 'error')?then('alert', 'status')}"</#if>>
    <span class="me-box__icon" aria-hidden="true"></span>
    <div class="me-box__body">
      <#if titleKey?has_content><p class="me-box__title">${t(titleKey)}</p></#if>
      <p class="me-box__text"><span class="me-sr-only">${msg("monespaceMessagePrefix." + boxType)} </span><@richText key=key text=text args=args links=links/></p>
      <#nested>
    </div>
  </div>
</#macro>
